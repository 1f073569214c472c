package io.wahub.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A vendor-neutral business event, the unit that travels from connectors to features.
 *
 * @param tenantId   the tenant the event belongs to
 * @param type       the event type, one of {@link EventTypes} (for example {@code order.created})
 * @param source     id of the connector that produced it (for example {@code shopify})
 * @param deliveryId the connector's idempotency key for this event (for example Shopify's event id); the hub
 *                   stores an event once per (tenant, source, deliveryId) and drops duplicates
 * @param occurredAt when the vendor says the event happened
 * @param payload    the normalised payload; its fields per type are documented in {@link EventTypes}
 */
public record CanonicalEvent(String tenantId, String type, String source, String deliveryId, Instant occurredAt,
                             ObjectNode payload) {

    public CanonicalEvent {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }
}
