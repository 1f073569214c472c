package io.wahub.plugins.otp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The OTP operations, mounted by the hub under {@code /api/v1/tenants/{tenant}/features/otp}: start (or resend),
 * check, read and cancel verifications, and read the counters. Requests are validated here; field errors answer 400
 * {@code invalid-request}. The plugin's README lists every answer.
 */
final class OtpApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The most verifications one list answers. */
    static final int MAX_LIST = 500;

    private final VerificationFlow flow = new VerificationFlow();

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.post("/verifications", "Sends a code to a number (again while it is pending)",
                        schema("to", "purpose"), this::start).sending(),
                ApiOperation.post("/verification-checks", "Checks a code", schema("to", "purpose", "code"),
                        this::check),
                ApiOperation.get("/verifications", "Lists the newest verifications (filters: status, to; limit"
                        + " 1-" + MAX_LIST + ", default 100)", this::list),
                ApiOperation.get("/verifications/{id}", "Reads a verification", this::read),
                ApiOperation.post("/verifications/{id}/cancel", "Cancels a pending verification", null, this::cancel),
                ApiOperation.delete("/verifications/{id}", "Cancels a pending verification", this::cancel),
                ApiOperation.get("/stats", "The tenant's OTP counters, blocked starts included", this::stats));
    }

    /** The flow the API calls run, for the feature's timers (expiry sweeps, purge). */
    VerificationFlow flow() {
        return flow;
    }

    private ApiResponse start(ApiRequest request, FeatureContext context) {
        OtpSettings settings = settings(context);
        Map<String, String> errors = new TreeMap<>();
        Optional<Recipient> to = Recipient.parse(text(request.body(), "to"));
        if (to.isEmpty()) {
            errors.put("to", "a mobile number in E.164 format, for example +4915112345678");
        }
        String purpose = purpose(request.body(), settings, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return ApiResponse.created(view(flow.start(context, settings, to.get(), purpose)));
    }

    private ApiResponse check(ApiRequest request, FeatureContext context) {
        OtpSettings settings = settings(context);
        Map<String, String> errors = new TreeMap<>();
        String to = text(request.body(), "to");
        if (Recipient.parse(to).isEmpty()) {
            errors.put("to", "a mobile number in E.164 format, for example +4915112345678");
        }
        String purpose = purpose(request.body(), settings, errors);
        String code = text(request.body(), "code");
        if (!code.matches("\\d{4,10}")) {
            errors.put("code", "4 to 10 digits");
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        VerificationFlow.CheckResult result = flow.check(context, to, purpose, code);
        return switch (result.outcome()) {
            case APPROVED, WRONG_CODE -> ApiResponse.ok(view(result.verification()));
            case LOCKED -> throw new ApiProblem(429, "max-attempts-reached", "Max check attempts reached",
                    "Verification " + result.verification().id() + " had " + result.verification().maxChecks()
                            + " wrong codes and is locked; start a new one after it expires at "
                            + result.verification().expiresAt() + ".");
            case NOT_FOUND -> throw ApiProblem.notFound("A pending verification of " + to + " for " + purpose);
        };
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        Map<String, String> errors = new TreeMap<>();
        String status = request.query("status");
        if (status != null && !status.isBlank() && !Verification.STATUSES.contains(status)) {
            errors.put("status", "one of " + String.join(", ", Verification.STATUSES));
        }
        String to = request.query("to");
        if (to != null && !to.isBlank() && Recipient.parse(to.strip()).isEmpty()) {
            errors.put("to", "a mobile number in E.164 format, for example +4915112345678");
        }
        int limit = 100;
        String asked = request.query("limit");
        if (asked != null && !asked.isBlank()) {
            try {
                limit = Integer.parseInt(asked.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIST) {
                errors.put("limit", "1-" + MAX_LIST);
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        var list = NODES.arrayNode();
        flow.recent(context, blankToNull(status), to == null || to.isBlank() ? null : Recipient.parse(to.strip())
                .get().number(), limit).forEach(v -> list.add(view(v)));
        return ApiResponse.ok(list);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private ApiResponse read(ApiRequest request, FeatureContext context) {
        return ApiResponse.ok(view(flow.find(context, id(request))
                .orElseThrow(() -> ApiProblem.notFound("Verification " + request.path("id")))));
    }

    private ApiResponse cancel(ApiRequest request, FeatureContext context) {
        return ApiResponse.ok(view(flow.cancel(context, id(request))
                .orElseThrow(() -> ApiProblem.notFound("A pending verification " + request.path("id")))));
    }

    private ApiResponse stats(ApiRequest request, FeatureContext context) {
        Map<String, Long> counters = OtpStats.all(context.store());
        ObjectNode body = NODES.objectNode();
        body.put("fraudSuspected", counters.get(OtpStats.FRAUD_PREFIX) + counters.get(OtpStats.FRAUD_COUNTRY));
        ObjectNode all = body.putObject("counters");
        counters.forEach(all::put);
        return ApiResponse.ok(body);
    }

    /** The answer for a verification: never its code or seed. */
    static ObjectNode view(Verification v) {
        return NODES.objectNode().put("id", v.id().toString()).put("to", v.to()).put("purpose", v.purpose())
                .put("status", v.status()).put("createdAt", v.createdAt().toString())
                .put("expiresAt", v.expiresAt().toString()).put("sendCount", v.sendCount())
                .put("checksLeft", v.checksLeft());
    }

    private static OtpSettings settings(FeatureContext context) {
        return context.configured() ? context.settings(OtpSettings.class) : OtpSettings.defaults();
    }

    private static String purpose(JsonNode body, OtpSettings settings, Map<String, String> errors) {
        String purpose = text(body, "purpose");
        if (!settings.purposes().contains(purpose)) {
            errors.put("purpose", "one of " + String.join(", ", settings.purposes()));
        }
        return purpose;
    }

    private static UUID id(ApiRequest request) {
        try {
            return UUID.fromString(request.path("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Verification " + request.path("id"));
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText().strip() : "";
    }

    private static ApiProblem invalid(Map<String, String> errors) {
        return new ApiProblem(400, "invalid-request", "Invalid request",
                "Invalid request: " + String.join(", ", errors.keySet()), errors);
    }

    private static JsonNode schema(String... required) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("to", "the number, E.164");
        descriptions.put("purpose", "one of the purposes in the settings");
        descriptions.put("code", "the code the customer entered");
        for (String field : required) {
            properties.putObject(field).put("type", "string").put("description", descriptions.get(field));
            schema.withArray("required").add(field);
        }
        return schema;
    }
}
