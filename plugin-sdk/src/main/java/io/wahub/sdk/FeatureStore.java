package io.wahub.sdk;

import java.util.List;
import java.util.Map;

/**
 * A feature's own tables, in PostgreSQL, seen as the current tenant's rows only. Reached through
 * {@link FeatureContext#store()}.
 *
 * <p>Schema: a plugin ships Flyway migrations under {@code db/feature/} in its jar ({@code V1__verifications.sql},
 * …). The hub runs them when it starts, into the schema {@code feature_<featureId>} ({@code -} becomes {@code _}),
 * with a history table of its own in that schema. Every table must have a column {@code tenant_id text not null}: a
 * feature whose schema has a table without it is refused (its store fails, naming the table). Migrations only add:
 * data survives disabling and enabling the feature and upgrading the plugin.
 *
 * <p>Isolation: statements run as a database role without rights outside the feature's schema (the hub's tables are
 * out of reach), with the schema as search path, and under row-level security keyed to the tenant: a statement sees
 * and writes only rows whose {@code tenant_id} is the context's tenant, even one that forgets
 * {@code WHERE tenant_id = …}. An insert must still set {@code tenant_id} (use the parameter {@code :tenant_id}, which
 * every statement gets: the context's tenant); a row of another tenant is refused.
 *
 * <p>SQL: PostgreSQL, with named parameters ({@code :name}); values are bound, never spliced. Parameter values:
 * strings, numbers, booleans, {@link java.time.Instant}s (as {@code timestamptz}), {@link java.util.UUID}s, null;
 * and, to cover many rows in one statement, a non-empty {@link java.util.List} of such values (written as a list:
 * {@code WHERE id IN (:ids)}) or of {@code Object[]} rows of them (written as rows: {@code VALUES :rows}, or
 * {@code WHERE (a, b) IN (:pairs)}); a value in a row is typed by the column it goes into or by a cast
 * ({@code CAST(v.at AS timestamptz)}).
 * Columns come back as JDBC gives them, but {@code timestamptz} as {@link java.time.Instant}, {@code date} as
 * {@link java.time.LocalDate} and {@code json}/{@code jsonb} as their text. Statements that change the session
 * ({@code SET ROLE}, {@code set_config}, …) are refused.
 *
 * <p>Threading and transactions: thread-safe. Each {@link #query} or {@link #update} outside
 * {@link #transaction} commits on its own; a failing statement throws {@link IllegalStateException} with the
 * database's message. Keep transactions short: no calls out while one is open.
 */
public interface FeatureStore {

    /** Runs a query; one map per row, column name → value, in the query's column order. */
    List<Map<String, Object>> query(String sql, Map<String, ?> params);

    /** Runs an insert, update or delete; the number of rows it changed. */
    int update(String sql, Map<String, ?> params);

    /**
     * Runs {@code work} in one transaction: it commits when {@code work} returns, and rolls back when it throws (the
     * exception is rethrown). Use the store handed to {@code work}, not this one, inside it.
     */
    <T> T transaction(Work<T> work);

    /** Statements that commit together. */
    @FunctionalInterface
    interface Work<T> {
        T run(FeatureStore store);
    }
}
