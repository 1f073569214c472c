package io.wahub.hub.db;

import io.wahub.routes.Ref;
import java.util.List;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * A batch of {@link Ref}s as two PostgreSQL array parameters, tenants and ids, for statements that take the batch
 * in one go with {@code (tenant_id, id) IN (SELECT * FROM unnest(:tenants::text[], :ids::uuid[]))}.
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
}
