package io.wahub.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An event taken from an app-level webhook (one URL shared by many tenants) before the hub knows its tenant.
 *
 * @param routingKey the value that names the tenant, as returned by {@link WebhookConnector#routingKey} for the
 *                   tenant's settings (for WhatsApp Cloud: the {@code phone_number_id})
 * @param type       see {@link CanonicalEvent#type()}
 * @param deliveryId see {@link CanonicalEvent#deliveryId()}
 * @param occurredAt see {@link CanonicalEvent#occurredAt()}
 * @param payload    see {@link CanonicalEvent#payload()}
 */
public record RoutedEvent(String routingKey, String type, String deliveryId, Instant occurredAt, ObjectNode payload) {

    public RoutedEvent {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** The event for the tenant the hub found for {@link #routingKey()}. */
    public CanonicalEvent forTenant(String tenantId, String source) {
        return new CanonicalEvent(tenantId, type, source, deliveryId, occurredAt, payload);
    }
}
