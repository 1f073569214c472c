package io.wahub.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Creates a Stripe Checkout Session (a hosted payment page) for an invoice:
 * {@code POST {apiBaseUrl}/v1/checkout/sessions}, form-encoded, with the tenant's secret key and the header
 * {@code Idempotency-Key: wahub-checkout-{invoiceId}}, so Stripe returns the first session for a repeated or retried
 * request instead of creating another.
 *
 * <p>Through the hub's outbound client, which retries it (it carries an idempotency key) up to
 * {@link #MAX_ATTEMPTS} times after 429, 5xx, timeouts and connection errors, honouring {@code Retry-After}. The
 * last failure is reported transient unless Stripe said otherwise ({@code Stripe-Should-Retry: false}) or it was a
 * refusal (other 4xx, a blocked host).
 */
@Extension
public class StripePaymentLinks implements PaymentLinks {

    static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper JSON = Json.newMapper();

    private final Duration requestTimeout;

    public StripePaymentLinks() {
        this(Duration.ofSeconds(30));
    }

    public StripePaymentLinks(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String id() {
        return StripeConnector.ID;
    }

    @Override
    public String displayName() {
        return "Stripe";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return StripeSettings.class;
    }

    @Override
    public Link create(Request request, PluginContext context) throws Failure {
        StripeSettings settings = context.configured() ? context.settings(StripeSettings.class) : null;
        if (settings == null || settings.secretKey() == null || settings.secretKey().isBlank()) {
            throw new Failure("not-configured", "the secretKey setting of Stripe is not set for tenant "
                    + context.tenantId(), false, null);
        }
        OutboundRequest call;
        try {
            call = OutboundRequest.post(URI.create(settings.apiBaseUrl() + "/v1/checkout/sessions"),
                            "application/x-www-form-urlencoded", form(request))
                    .header("Authorization", "Bearer " + settings.secretKey().strip())
                    .idempotencyKey("wahub-checkout-" + request.invoiceId())
                    .timeout(requestTimeout)
                    .attempts(MAX_ATTEMPTS);
        } catch (IllegalArgumentException e) {
            throw new Failure("bad-config", "the apiBaseUrl setting of Stripe is not a URL", false, e);
        }
        OutboundResponse response;
        try {
            response = context.http().send(call);
        } catch (OutboundFailure failure) {
            throw new Failure(failure.code(), failure.getMessage(), failure.transientFailure(), failure);
        }
        return read(response, call);
    }

    private static Link read(OutboundResponse response, OutboundRequest call) throws Failure {
        int status = response.status();
        JsonNode body = parse(response);
        if (response.successful()) {
            String id = body.path("id").asText("");
            String url = body.path("url").asText("");
            if (id.isEmpty() || url.isEmpty()) {
                throw new Failure("bad-response", "Stripe answered HTTP " + status + " without id and url", false, null);
            }
            return new Link(id, url);
        }
        String message = body.path("error").path("message").asText("");
        String detail = message.isBlank() ? "Stripe answered HTTP " + status : call.safeText(message);
        String shouldRetry = response.header("Stripe-Should-Retry");
        boolean retry = shouldRetry != null ? Boolean.parseBoolean(shouldRetry) : status == 429 || status >= 500;
        throw new Failure("http-" + status, detail, retry, null);
    }

    /** One line item for the invoice's amount; the invoice id as reference and metadata. */
    static String form(Request request) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("mode", "payment");
        fields.put("line_items[0][quantity]", "1");
        fields.put("line_items[0][price_data][currency]", request.currency().toLowerCase(Locale.ROOT));
        fields.put("line_items[0][price_data][unit_amount]", Long.toString(request.amountMinor()));
        fields.put("line_items[0][price_data][product_data][name]", request.description());
        fields.put("client_reference_id", request.invoiceId());
        fields.put("metadata[invoice_id]", request.invoiceId());
        fields.put("success_url", request.successUrl());
        if (request.customerEmail() != null && !request.customerEmail().isBlank()) {
            fields.put("customer_email", request.customerEmail());
        }
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode parse(OutboundResponse response) {
        try {
            return response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
