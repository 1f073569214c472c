package io.wahub.hub.db;

import io.wahub.routes.Ref;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * {@link Ref}s to and from SQL: a batch as two PostgreSQL array parameters, tenants and ids, for statements that
 * take the batch in one go with {@code (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))};
 * and the ref of a row from its {@code tenant_id} and {@code id} columns.
 */
public final class Refs {

    private Refs() {
    }

    public static SqlArrayValue tenants(List<Ref> refs) {
        return new SqlArrayValue("text", refs.stream().map(Ref::tenantId).toArray());
    }

    public static SqlArrayValue ids(List<Ref> refs) {
        return new SqlArrayValue("uuid", refs.stream().map(Ref::id).toArray());
    }

    /** The ref of the current row, from its {@code tenant_id} and {@code id} columns. */
    public static Ref read(ResultSet row) throws SQLException {
        return new Ref(row.getString("tenant_id"), row.getObject("id", UUID.class));
    }
}
