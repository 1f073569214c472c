package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.wahub.hub.testplugin.TestPluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Timers with more than one hub process over time and space: two hubs on one database fire each timer once, and a
 * hub started after its timers fell due fires them at once. The other hubs are second application contexts in this
 * JVM, each on a port of its own, as other machines would be.
 */
class TimersAcrossHubsTest extends FeatureTimerTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void twoHubsOnOneDatabase_fireEachTimerOnce() throws Exception {
        String tenant = timerTenant("twohubs");
        HikariDataSource pool = (HikariDataSource) dataSource;
        try (ConfigurableApplicationContext second = node(Map.of(
                "spring.datasource.url", pool.getJdbcUrl(),
                "spring.datasource.username", pool.getUsername(),
                "spring.datasource.password", pool.getPassword() == null ? "" : pool.getPassword()))) {

            command(tenant, "schedule-many t 300 2000");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fired(tenant)).hasSize(300));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(
                    fired(port(second), tenant)).hasSize(300));
            assertThat(fired(tenant)).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 300).mapToObj(i -> "fired t" + i + " null").toList());
            assertThat(timerEvents(tenant)).hasSize(300)
                    .allSatisfy(event -> assertThat(event.get("status").asText()).isEqualTo("done"));
        }
    }

    @Test
    void timersThatFellDueWhileNoHubRan_fireWhenAHubStarts() throws Exception {
        Path dataDir = Files.createTempDirectory("wahub-restart-");
        String tenant;
        Instant due;
        try (ConfigurableApplicationContext first = node(Map.of("wahub.data-dir", dataDir.toString(),
                "spring.datasource.url", "embedded"))) {
            tenant = timerTenant(port(first), "restart");
            command(port(first), tenant, "schedule while-down 3000 {\"n\":1}");
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM feature_timer WHERE tenant_id = :t").param("t", tenant)
                    .query(Long.class).single() == 1);
            due = jdbc.sql("SELECT due_at FROM feature_timer WHERE tenant_id = :t").param("t", tenant)
                    .query(java.sql.Timestamp.class).single().toInstant();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(due));

        try (ConfigurableApplicationContext again = node(Map.of("wahub.data-dir", dataDir.toString(),
                "spring.datasource.url", "embedded"))) {
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fired(port(again), tenant))
                    .containsExactly("fired while-down {\"n\":1}"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /**
     * Another hub with this test's settings and the timer plugin (a fresh copy), on its own port and data folder
     * unless {@code overrides} say otherwise.
     */
    private ConfigurableApplicationContext node(Map<String, String> overrides) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : HubIntegrationTest.class.getAnnotation(SpringBootTest.class).properties()) {
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        properties.put("server.port", "0");
        properties.put("wahub.data-dir", Files.createTempDirectory("wahub-timer-node-").toString());
        properties.put("wahub.plugins.dir", TestPluginJar.timersPluginDir().toString());
        properties.put("wahub.timers.period", "100ms");
        properties.put("wahub.timers.batch-size", "25");
        properties.put("wahub.dispatch.max-attempts", "3");
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("camel.main.name", "wahub-timer-node");
        properties.putAll(overrides);
        // as command-line arguments: they win over application.properties, as the test's own properties do
        return new SpringApplicationBuilder(WahubApplication.class).run(properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext hub) {
        return ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
    }
}
