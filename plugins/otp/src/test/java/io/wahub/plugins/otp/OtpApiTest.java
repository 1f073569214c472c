package io.wahub.plugins.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.testkit.FakeContext;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests refused before anything is stored, on the SDK's fake context (it has no store). */
class OtpApiTest {

    static final Instant NOW = Instant.parse("2026-05-24T08:11:15Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final OtpFeature feature = new OtpFeature();

    @Test
    void operations_areTheDocumentedOnes() {
        assertThat(feature.operations()).extracting(op -> op.method() + " " + op.path()).containsExactly(
                "POST /verifications", "POST /verification-checks", "GET /verifications", "GET /verifications/{id}",
                "POST /verifications/{id}/cancel", "DELETE /verifications/{id}", "GET /stats");
    }

    @Test
    void start_withUnknownPurposeAndNoNumber_is400_withAnErrorPerField() throws Exception {
        ApiProblem problem = call("POST", "/verifications", "{\"purpose\":\"payout\"}", OtpSettings.defaults());

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("invalid-request");
        assertThat(problem.fieldErrors()).isEqualTo(Map.of(
                "to", "a mobile number in E.164 format, for example +4915112345678",
                "purpose", "one of signup, login, reset"));
    }

    @Test
    void check_withLettersInTheCode_is400() throws Exception {
        ApiProblem problem = call("POST", "/verification-checks",
                "{\"to\":\"+4915112345678\",\"purpose\":\"login\",\"code\":\"12a456\"}", OtpSettings.defaults());

        assertThat(problem.fieldErrors()).isEqualTo(Map.of("code", "4 to 10 digits"));
    }

    @Test
    void start_withAConfiguredPurpose_acceptsIt_andRefusesTheDefaultOnes() throws Exception {
        OtpSettings payouts = new OtpSettings(null, null, null, null, java.util.List.of("payout"), null, null, null,
                null, null);

        ApiProblem problem = call("POST", "/verifications", "{\"to\":\"+4915112345678\",\"purpose\":\"login\"}",
                payouts);

        assertThat(problem.fieldErrors()).isEqualTo(Map.of("purpose", "one of payout"));
    }

    @Test
    void defaults_areTheProductsOnes() {
        OtpSettings defaults = OtpSettings.defaults();

        assertThat(defaults).isEqualTo(new OtpSettings(6, 5, 5, 5, java.util.List.of("signup", "login", "reset"),
                "verification_code", "en_US", java.util.List.of(), 20, 1000));
    }

    private ApiProblem call(String method, String path, String body, OtpSettings settings) throws Exception {
        ApiOperation operation = feature.operations().stream()
                .filter(op -> op.method().equals(method) && op.path().equals(path)).findFirst().orElseThrow();
        FakeContext context = FakeContext.of(settings, NOW);
        return catchThrowableOfType(ApiProblem.class, () -> operation.handler()
                .handle(new ApiRequest(Map.of(), Map.of(), JSON.readTree(body), "key:test"), context));
    }
}
