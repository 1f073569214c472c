package io.wahub.hub.feature.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * A feature store's statement as sent ({@code ?} parameters) with the values to bind, in order.
 *
 * @param typed whether the driver sends every value with its type: no null, and each of a type the driver names (a
 *              string: when the connection sends strings as such, see {@link JdbcFeatureStore})
 */
record StoreStatement(String sql, List<Object> values, boolean typed) {

    /** {@code parsed} with its values from {@code source}; a list is written out as a list or as rows. */
    static StoreStatement of(ParsedSql parsed, SqlParameterSource source) {
        List<Object> values = new ArrayList<>();
        for (Object value : NamedParameterUtils.buildValueArray(parsed, source, null)) {
            if (value instanceof Iterable<?> list) { // bound in the order it is written out
                for (Object item : list) {
                    values.addAll(item instanceof Object[] row ? Arrays.asList(row) : Collections.singletonList(item));
                }
            } else {
                values.add(value);
            }
        }
        return new StoreStatement(NamedParameterUtils.substituteNamedParameters(parsed, source), values,
                values.stream().allMatch(StoreStatement::typed));
    }

    /** The statement prepared on {@code connection}, its values bound. */
    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            int index = 1;
            for (Object value : values) {
                bind(statement, index++, value);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Whether the driver binds {@code value} with its type (instants are bound as {@link OffsetDateTime}s). */
    private static boolean typed(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof UUID || value instanceof OffsetDateTime;
    }

    /**
     * A null of no known type is bound as such: Spring would ask the driver for the parameter's type, which parses the
     * statement before the settings ahead of it have run (and its tables are unknown).
     */
    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else {
            StatementCreatorUtils.setParameterValue(statement, index, SqlTypeValue.TYPE_UNKNOWN, value);
        }
    }
}
