package io.wahub.plugins.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Writes a decision about an order back to Shopify as an order tag ({@value #CONFIRMED_TAG} or
 * {@value #CANCELLED_TAG}) with the Admin GraphQL API's {@code tagsAdd}:
 * {@code POST {adminApiUrl}/admin/api/2024-10/graphql.json}, header {@code X-Shopify-Access-Token}. GraphQL rather
 * than REST {@code PUT /orders/{id}.json}: the REST call replaces all of an order's tags (read, merge and write, racing
 * the staff's own edits), {@code tagsAdd} adds one and is idempotent, so it is safe to repeat. Shopify keeps no note
 * with a tag; the note is not written. The hub's client makes one attempt; the caller retries.
 */
@Extension
public class ShopifyOrderWriteBack implements OrderWriteBack {

    public static final String CONFIRMED_TAG = "cod-confirmed";
    public static final String CANCELLED_TAG = "cod-cancelled";
    static final String API_VERSION = "2024-10";
    static final String MUTATION = "mutation tagsAdd($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags)"
            + " { node { id } userErrors { field message } } }";
    private static final ObjectMapper JSON = Json.newMapper();

    @Override
    public String id() {
        return ShopifyConnector.ID;
    }

    @Override
    public String displayName() {
        return "Shopify";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return ShopifySettings.class;
    }

    @Override
    public void write(Update update, PluginContext context) throws Failure {
        ShopifySettings settings = context.configured() ? context.settings(ShopifySettings.class) : null;
        if (settings == null || settings.adminAccessToken() == null || settings.adminAccessToken().isBlank()) {
            throw new Failure("not-configured", "the adminAccessToken setting of Shopify is not set for tenant "
                    + context.tenantId(), false, null);
        }
        if (!update.orderId().matches("\\d{1,20}")) {
            throw new Failure("bad-order-id", "Shopify order ids are numeric: " + update.orderId(), false, null);
        }
        OutboundRequest call;
        try {
            call = OutboundRequest.post(URI.create(settings.adminBaseUrl() + "/admin/api/" + API_VERSION
                            + "/graphql.json"), "application/json", body(update))
                    .header("X-Shopify-Access-Token", settings.adminAccessToken().strip())
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new Failure("bad-config", "the Admin API URL of Shopify is not a URL", false, e);
        }
        OutboundResponse response;
        try {
            response = context.http().send(call);
        } catch (OutboundFailure failure) {
            throw new Failure(failure.code(), failure.getMessage(), failure.transientFailure(), failure);
        }
        read(response, call, update);
    }

    static String body(Update update) {
        ObjectNode body = JSON.createObjectNode().put("query", MUTATION);
        ObjectNode variables = body.putObject("variables").put("id", "gid://shopify/Order/" + update.orderId());
        variables.putArray("tags").add(tag(update.decision()));
        return body.toString();
    }

    static String tag(Decision decision) {
        return decision == Decision.CONFIRMED ? CONFIRMED_TAG : CANCELLED_TAG;
    }

    private static void read(OutboundResponse response, OutboundRequest call, Update update) throws Failure {
        int status = response.status();
        JsonNode body = parse(response);
        if (!response.successful()) {
            String message = body.path("errors").isTextual() ? body.path("errors").asText()
                    : body.path("errors").path(0).path("message").asText("");
            throw new Failure("http-" + status, "Shopify answered HTTP " + status
                    + (message.isBlank() ? "" : ": " + call.safeText(message)), status == 429 || status >= 500, null);
        }
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String code = errors.path(0).path("extensions").path("code").asText("");
            throw new Failure(code.isEmpty() ? "graphql-error" : code.toLowerCase(Locale.ROOT).replace('_', '-'),
                    "Shopify refused the tag: " + call.safeText(errors.path(0).path("message").asText("")),
                    "THROTTLED".equals(code), null);
        }
        JsonNode userErrors = body.path("data").path("tagsAdd").path("userErrors");
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            throw new Failure("user-error", "Shopify refused the tag on order " + update.orderId() + ": "
                    + call.safeText(userErrors.path(0).path("message").asText("")), false, null);
        }
        if (body.path("data").path("tagsAdd").path("node").isMissingNode()) {
            throw new Failure("bad-response", "Shopify answered HTTP " + status + " without tagsAdd", true, null);
        }
    }

    private static JsonNode parse(OutboundResponse response) {
        try {
            return response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
