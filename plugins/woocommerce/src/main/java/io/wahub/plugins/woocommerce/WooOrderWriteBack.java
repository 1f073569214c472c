package io.wahub.plugins.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Writes a decision about an order back to WooCommerce through its REST API, with the tenant's consumer key and
 * secret (HTTP Basic, which WooCommerce accepts over HTTPS): {@code PUT /wp-json/wc/v3/orders/{id}} with the status
 * ({@value #CONFIRMED_STATUS} when confirmed, {@value #CANCELLED_STATUS} when cancelled), then
 * {@code POST /wp-json/wc/v3/orders/{id}/notes} with the note (a private note for the staff). Setting a status again
 * changes nothing; the note is written only after the status was. The key needs read/write access. The hub's client
 * makes one attempt; the caller retries.
 */
@Extension
public class WooOrderWriteBack implements OrderWriteBack {

    public static final String CONFIRMED_STATUS = "processing";
    public static final String CANCELLED_STATUS = "cancelled";
    private static final ObjectMapper JSON = Json.newMapper();

    @Override
    public String id() {
        return WooCommerceConnector.ID;
    }

    @Override
    public String displayName() {
        return "WooCommerce";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return WooCommerceSettings.class;
    }

    @Override
    public void write(Update update, PluginContext context) throws Failure {
        WooCommerceSettings settings = context.configured() ? context.settings(WooCommerceSettings.class) : null;
        if (settings == null || blank(settings.consumerKey()) || blank(settings.consumerSecret())
                || blank(settings.storeUrl())) {
            throw new Failure("not-configured", "the consumerKey and consumerSecret settings of WooCommerce are not"
                    + " set for tenant " + context.tenantId(), false, null);
        }
        if (!update.orderId().matches("\\d{1,20}")) {
            throw new Failure("bad-order-id", "WooCommerce order ids are numeric: " + update.orderId(), false, null);
        }
        String order = settings.storeUrl().strip().replaceAll("/+$", "") + "/wp-json/wc/v3/orders/" + update.orderId();
        String status = update.decision() == Decision.CONFIRMED ? CONFIRMED_STATUS : CANCELLED_STATUS;
        String credentials = Base64.getEncoder().encodeToString((settings.consumerKey().strip() + ":"
                + settings.consumerSecret()).getBytes(StandardCharsets.UTF_8));
        send(context, request("PUT", order, Map.of("status", status), credentials), "status " + status);
        if (update.note() != null && !update.note().isBlank()) {
            send(context, request("POST", order + "/notes", Map.of("note", update.note()), credentials), "note");
        }
    }

    private static OutboundRequest request(String method, String url, Map<String, String> fields, String credentials)
            throws Failure {
        try {
            byte[] body = JSON.writeValueAsBytes(fields);
            return new OutboundRequest(method, URI.create(url), Map.of("Content-Type", "application/json",
                    "Accept", "application/json", "Authorization", "Basic " + credentials), body,
                    Duration.ofSeconds(10), null, 1, false);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Failure("bad-config", "the storeUrl setting of WooCommerce is not a URL", false, e);
        }
    }

    private static void send(PluginContext context, OutboundRequest call, String what) throws Failure {
        OutboundResponse response;
        try {
            response = context.http().send(call);
        } catch (OutboundFailure failure) {
            throw new Failure(failure.code(), failure.getMessage(), failure.transientFailure(), failure);
        }
        if (!response.successful()) {
            String message;
            try {
                message = JSON.readTree(response.body()).path("message").asText("");
            } catch (java.io.IOException e) {
                message = "";
            }
            int code = response.status();
            throw new Failure("http-" + code, "WooCommerce answered HTTP " + code + " to the " + what
                    + (message.isBlank() ? "" : ": " + call.safeText(message)), code == 429 || code >= 500, null);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
