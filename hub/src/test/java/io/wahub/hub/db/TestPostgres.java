package io.wahub.hub.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL for a test below the application, as its superuser: the server of {@code WAHUB_TEST_DB_URL} (user
 * {@code postgres}) when set, else an embedded one, which {@link #close} stops.
 */
public final class TestPostgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final DataSource dataSource;

    private TestPostgres(EmbeddedPostgres embedded, DataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
    }

    public static TestPostgres start() throws IOException {
        String url = System.getenv("WAHUB_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            EmbeddedPostgres embedded = EmbeddedPostgres.start();
            return new TestPostgres(embedded, embedded.getPostgresDatabase());
        }
        PGSimpleDataSource external = new PGSimpleDataSource();
        external.setUrl(url);
        external.setUser("postgres");
        return new TestPostgres(null, external);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
