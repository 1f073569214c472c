package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors no handler expected still answer as problem+json, never as Spring's own error body: a database that does not
 * answer is a 503 with {@code Retry-After}, anything else a 500 with a reference the log carries too. A controller of
 * this test's own throws them (behind the same security and advice as the API).
 */
@Import(ProblemFallbackTest.Failing.class)
class ProblemFallbackTest extends HubIntegrationTest {

    @Test
    void anUnexpectedError_is500ProblemJson_withAReference() {
        Response response = get("/api/v1/test-failures/unexpected");

        expectProblem(response, 500, "internal-error");
        String reference = response.json().get("reference").asText();
        assertThat(reference).matches("[0-9a-f]{8}");
        assertThat(response.json().get("detail").asText()).contains(reference).doesNotContain("secret detail");
    }

    @Test
    void noDatabaseConnection_is503ProblemJson_withRetryAfter() {
        Response response = get("/api/v1/test-failures/no-connection");

        expectProblem(response, 503, "database-unavailable");
        assertThat(response.headers().get("retry-after")).containsExactly("5");
        assertThat(response.json().get("retryAfterSeconds").asInt()).isEqualTo(5);
    }

    @Test
    void anonymousCallers_stillGet401_notTheFallback() {
        expectProblem(callAs(null, "GET", "/api/v1/test-failures/unexpected", null), 401, "unauthenticated");
    }

    @TestConfiguration
    static class Failing {

        @Bean
        FailingController failingController() {
            return new FailingController();
        }
    }

    @RestController
    static class FailingController {

        @GetMapping("/api/v1/test-failures/unexpected")
        String unexpected() {
            throw new IllegalStateException("secret detail of a bug");
        }

        @GetMapping("/api/v1/test-failures/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("Connection is not available, request timed out"));
        }
    }
}
