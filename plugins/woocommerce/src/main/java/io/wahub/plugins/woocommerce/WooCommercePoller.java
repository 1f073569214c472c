package io.wahub.plugins.woocommerce;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Json;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.Poller;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * Closes the gaps WooCommerce's webhooks leave (no retries, webhooks disabled after repeated failures): lists the
 * orders modified since the last one seen, {@code GET {storeUrl}/wp-json/wc/v3/orders?modified_after=…}, with the
 * tenant's REST API consumer key, and emits the events the webhooks would have, under the same delivery ids, so the
 * inbox drops whatever a webhook already delivered.
 *
 * <p>The cursor is the newest {@code date_modified_gmt} seen; each poll re-reads one second before it, since
 * {@code modified_after} is exclusive and several orders can share a second. The first poll looks back
 * {@link #FIRST_LOOKBACK}. An order created after the previous cursor also gets {@code order.created}.
 *
 * <p>Through the hub's outbound client: a GET, so the hub retries it ({@link #ATTEMPTS} attempts at most, honouring
 * {@code Retry-After}); redirects are not followed (a store that moved must be configured with its new URL), and a
 * poll that fails names the status only, never what the store sent.
 */
@Extension
public class WooCommercePoller implements Poller {

    static final Duration FIRST_LOOKBACK = Duration.ofHours(1);
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 10;
    static final int ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = Json.newMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

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
    public PollResult poll(PluginContext context, String cursor) throws PollFailure {
        WooCommerceSettings settings = context.settings(WooCommerceSettings.class);
        if (isBlank(settings.consumerKey()) || isBlank(settings.consumerSecret()) || isBlank(settings.storeUrl())) {
            return new PollResult(List.of(), cursor);
        }
        Instant since = cursor == null ? context.clock().instant().minus(FIRST_LOOKBACK).truncatedTo(ChronoUnit.SECONDS)
                : Instant.parse(cursor);
        String shop = URI.create(settings.storeUrl().strip()).getHost().toLowerCase(Locale.ROOT);
        List<CanonicalEvent> events = new ArrayList<>();
        Instant newest = since;
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode orders = fetch(context, settings, since.minusSeconds(1), page);
            for (JsonNode order : orders) {
                try {
                    Instant created = WooOrders.modifiedAt(createdView(order)).orElse(Instant.EPOCH);
                    if (created.isAfter(since)) {
                        events.addAll(WooCommerceConnector.events(order, EventTypes.ORDER_CREATED, shop, context,
                                context.clock().instant()).subList(0, 1));
                    }
                    events.addAll(WooCommerceConnector.events(order, EventTypes.ORDER_UPDATED, shop, context,
                            context.clock().instant()));
                    Instant modified = WooOrders.modifiedAt(order).orElse(newest);
                    newest = modified.isAfter(newest) ? modified : newest;
                } catch (WebhookRejection unreadable) {
                    // an order without id or modification time cannot be keyed: skip it
                }
            }
            if (orders.size() < PAGE_SIZE) {
                break;
            }
        }
        return new PollResult(events, newest.toString());
    }

    /** The order with its creation time in the modification fields, to read it with the same parser. */
    private static JsonNode createdView(JsonNode order) {
        return JSON.createObjectNode().set("date_modified_gmt", order.get("date_created_gmt"));
    }

    private static JsonNode fetch(PluginContext context, WooCommerceSettings settings, Instant after, int page)
            throws PollFailure {
        String base = settings.storeUrl().strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(base + "/wp-json/wc/v3/orders?modified_after="
                    + URLEncoder.encode(GMT.format(after), StandardCharsets.UTF_8)
                    + "&dates_are_gmt=true&orderby=modified&order=asc&per_page=" + PAGE_SIZE + "&page=" + page);
        } catch (IllegalArgumentException e) {
            throw new PollFailure("the storeUrl setting is not a URL", null);
        }
        String credentials = Base64.getEncoder().encodeToString((settings.consumerKey().strip() + ":"
                + settings.consumerSecret()).getBytes(StandardCharsets.UTF_8));
        OutboundRequest request = OutboundRequest.get(uri)
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .timeout(TIMEOUT)
                .attempts(ATTEMPTS);
        OutboundResponse response;
        try {
            response = context.http().send(request);
        } catch (OutboundFailure failure) {
            throw new PollFailure(failure.code() + ": " + failure.getMessage(), failure);
        }
        if (response.status() != 200) {
            throw new PollFailure("GET " + uri.getPath() + " answered HTTP " + response.status(), null);
        }
        try {
            JsonNode orders = JSON.readTree(response.body());
            if (orders == null || !orders.isArray()) {
                throw new PollFailure("GET " + uri.getPath() + " did not answer a JSON array", null);
            }
            return orders;
        } catch (IOException e) {
            throw new PollFailure("GET " + uri.getPath() + " did not answer JSON", null);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
