package io.wahub.hub.message;

import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.support.SqlArrayValue;

/** A column of a batch as a PostgreSQL array parameter, for statements that {@code unnest} the batch. */
final class SqlArrays {

    private SqlArrays() {
    }

    static <T> SqlArrayValue array(String type, List<T> rows, Function<T, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }
}
