package io.wahub.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.PluginContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
 * {@code Idempotency-Key: wahub-checkout-{invoiceId}} on every attempt, so Stripe returns the first session for a
 * repeated or retried request instead of creating another.
 *
 * <p>Up to {@link #MAX_ATTEMPTS} attempts: 429, 5xx, timeouts and connection errors are retried with doubling
 * back-off (Stripe's {@code Stripe-Should-Retry} header, when sent, decides instead); other 4xx are not.
 */
@Extension
public class StripePaymentLinks implements PaymentLinks {

    static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper JSON = Json.newMapper();

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration backoff;

    public StripePaymentLinks() {
        this(Duration.ofSeconds(30), Duration.ofMillis(500));
    }

    public StripePaymentLinks(Duration requestTimeout, Duration backoff) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
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
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(settings.apiBaseUrl() + "/v1/checkout/sessions"))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + settings.secretKey().strip())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", "wahub-checkout-" + request.invoiceId())
                .POST(HttpRequest.BodyPublishers.ofString(form(request)))
                .build();
        Failure last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(backoff.multipliedBy(1L << (attempt - 2)));
            }
            try {
                return attempt(httpRequest, settings);
            } catch (Failure failure) {
                if (!failure.transientFailure()) {
                    throw failure;
                }
                last = failure;
            }
        }
        throw new Failure(last.code(), last.getMessage() + " (after " + MAX_ATTEMPTS + " attempts)", true,
                last.getCause());
    }

    private Link attempt(HttpRequest request, StripeSettings settings) throws Failure {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Failure("timeout", "no answer from Stripe within " + requestTimeout.toMillis() + " ms", true, e);
        } catch (IOException e) {
            throw new Failure("io-error", "request to Stripe failed: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", "interrupted while calling Stripe", false, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            String id = body.path("id").asText("");
            String url = body.path("url").asText("");
            if (id.isEmpty() || url.isEmpty()) {
                throw new Failure("bad-response", "Stripe answered HTTP " + status + " without id and url", false, null);
            }
            return new Link(id, url);
        }
        String message = body.path("error").path("message").asText("Stripe answered HTTP " + status)
                .replace(settings.secretKey(), "***");
        boolean retry = response.headers().firstValue("Stripe-Should-Retry")
                .map(Boolean::parseBoolean).orElse(status == 429 || status >= 500);
        throw new Failure("http-" + status, message, retry, null);
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

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static void pause(Duration wait) throws Failure {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", "interrupted while backing off", false, e);
        }
    }
}
