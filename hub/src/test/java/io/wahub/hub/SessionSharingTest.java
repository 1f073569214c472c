package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions live in PostgreSQL: a second hub node (a second application context on the same database, as a second
 * machine behind a load balancer would be) honours a session the first node started, and a sign-out on the second
 * ends it on the first.
 */
class SessionSharingTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aSessionStartedOnOneNode_isHonouredByASecondNode_andASignOutThereEndsItEverywhere() throws Exception {
        Browser onFirst = new Browser(port);
        onFirst.signedIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        String sessionCookie = onFirst.cookie("JSESSIONID").orElseThrow();

        try (ConfigurableApplicationContext second = secondNode()) {
            int secondPort = ((ServletWebServerApplicationContext) second).getWebServer().getPort();
            Browser onSecond = new Browser(secondPort, onFirst.cookies);

            Response session = onSecond.call("GET", "/api/v1/session", null);

            assertThat(session.status()).as(session.body()).isEqualTo(200);
            assertThat(session.json().get("user").get("email").asText()).isEqualTo(OPERATOR_EMAIL);
            assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :e")
                    .param("e", OPERATOR_EMAIL).query(Long.class).single()).isPositive();
            assertThat(onSecond.call("DELETE", "/api/v1/session", null).status()).isEqualTo(204);
        }
        Browser replay = new Browser(port);
        HttpCookie signedOut = new HttpCookie("JSESSIONID", sessionCookie);
        signedOut.setPath("/");
        replay.cookies.getCookieStore().add(URI.create("http://localhost:" + port), signedOut);
        expectProblem(replay.call("GET", "/api/v1/session", null), 401, "unauthenticated");
    }

    /** The hub again, on a port of its own, on this test's database, with the same settings. */
    private ConfigurableApplicationContext secondNode() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        List<String> properties = new ArrayList<>(List.of(
                HubIntegrationTest.class.getAnnotation(SpringBootTest.class).properties()));
        properties.add("server.port=0");
        properties.add("wahub.data-dir=" + Files.createTempDirectory("wahub-second-node-"));
        properties.add("spring.datasource.url=" + pool.getJdbcUrl());
        properties.add("spring.datasource.username=" + pool.getUsername());
        properties.add("spring.datasource.password=" + (pool.getPassword() == null ? "" : pool.getPassword()));
        properties.removeIf(p -> p.startsWith("spring.datasource.hikari.maximum-pool-size="));
        properties.add("spring.datasource.hikari.maximum-pool-size=4");
        properties.add("camel.main.name=wahub-second-node");
        properties.add("wahub.dispatch.enabled=false"); // an ingest-only node: it leaves earlier tests' work alone
        // as command-line arguments: they win over application.properties, as the test's own properties do
        return new SpringApplicationBuilder(WahubApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }
}
