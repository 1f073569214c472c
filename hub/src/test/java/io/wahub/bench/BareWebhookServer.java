package io.wahub.bench;

import io.wahub.sdk.Hmac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The performance benchmark's bare baseline: a Shopify webhook's HMAC checked, the webhook INSERTed into PostgreSQL
 * (a {@code jsonb} row with a unique key per tenant and event id, as the hub's inbox has, committed synchronously),
 * then 200. It runs on the hub's HTTP stack — Spring Boot's embedded Tomcat with virtual threads and Spring MVC's
 * DispatcherServlet (the hub's webhooks reach Camel platform-http through the same servlet) — without the hub's
 * security filters, Camel, plugins or dispatch: what is left is the floor any durable webhook receiver on this stack
 * pays. With {@code --bare.async=true} it is the "bare async" pipeline: after the INSERT and the 200 a
 * {@link BareSender} posts a message per order to the Cloud API stub.
 *
 * <p>Arguments: {@code --server.port}, {@code --bare.db} ({@code embedded}: a PostgreSQL server of its own under
 * {@code --bare.data-dir}, configured as the hub's embedded one; else a JDBC URL), {@code --bare.pool-size} (20),
 * {@code --bare.async}, {@code --bare.stub-url}. It answers {@code /actuator/health/readiness} once it serves.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Profile(BareWebhookServer.PROFILE) // the hub's tests scan io.wahub, test classes included: not this
@Import(BareStack.class)
public class BareWebhookServer {

    static final String PROFILE = "bare-webhook-server";

    public static void main(String[] args) {
        new SpringApplicationBuilder(BareWebhookServer.class).profiles(PROFILE)
                // not the hub's application.properties, which is on the same class path
                .properties("spring.config.name=wahub-bare-bench", "spring.threads.virtual.enabled=true",
                        "spring.main.banner-mode=off", "server.shutdown=graceful")
                .run(args);
    }

    /** The embedded server, as the hub runs its own ({@link BareDatabase}), or the one at {@code bare.db}. */
    @Bean(destroyMethod = "close")
    BareDatabase database(@Value("${bare.db}") String db, @Value("${bare.data-dir:}") String dataDir,
                          @Value("${bare.pool-size:20}") int poolSize) throws IOException {
        return BareDatabase.open(db, dataDir, poolSize, """
                CREATE TABLE IF NOT EXISTS bare_webhook (
                    tenant_id   text        NOT NULL,
                    event_id    text        NOT NULL,
                    topic       text        NOT NULL,
                    received_at timestamptz NOT NULL DEFAULT now(),
                    payload     jsonb       NOT NULL,
                    PRIMARY KEY (tenant_id, event_id))""");
    }

    @RestController
    @Profile(PROFILE)
    static final class Webhooks implements AutoCloseable {

        private final JdbcTemplate jdbc;
        private final BareSender sender;

        /** A member class of the configuration: Spring registers it as a bean by itself. */
        Webhooks(DataSource dataSource, @Value("${bare.async:false}") boolean async,
                 @Value("${bare.stub-url:}") String stubUrl) {
            this.jdbc = new JdbcTemplate(dataSource);
            this.sender = async ? new BareSender(stubUrl) : null;
        }

        @PostMapping("/webhooks/{tenant}/{connector}")
        ResponseEntity<Void> receive(@PathVariable String tenant,
                                     @RequestHeader("X-Shopify-Hmac-Sha256") String signature,
                                     @RequestHeader("X-Shopify-Event-Id") String eventId,
                                     @RequestHeader("X-Shopify-Topic") String topic, @RequestBody byte[] body) {
            byte[] expected = Hmac.sha256(ShopifyWebhooks.SECRET, body);
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.status(401).build();
            }
            if (!MessageDigest.isEqual(expected, given)) {
                return ResponseEntity.status(401).build();
            }
            int inserted = jdbc.update("INSERT INTO bare_webhook (tenant_id, event_id, topic, payload) "
                    + "VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", tenant, eventId, topic,
                    new String(body, StandardCharsets.UTF_8));
            if (inserted == 1 && sender != null) {
                sender.enqueue(body);
            }
            return ResponseEntity.ok().build();
        }

        @GetMapping("/actuator/health/readiness")
        String ready() {
            return "{\"status\":\"UP\"}";
        }

        @Override
        public void close() {
            if (sender != null) {
                sender.close();
            }
        }
    }
}
