package io.wahub.plugins.whatsappcloud;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.RoutedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's template webhooks ({@code message_template_status_update}, {@code message_template_quality_update}) as
 * {@code template.status} events. They belong to a WhatsApp Business Account, not to a phone number: their routing
 * key is {@value #ROUTING_PREFIX} + the account id, which no tenant's number route matches, so on the app-level URL
 * they are acknowledged and dropped; on a tenant's own URL they are the tenant's.
 */
final class CloudApiTemplateChanges {

    static final String STATUS_FIELD = "message_template_status_update";
    static final String QUALITY_FIELD = "message_template_quality_update";
    static final String ROUTING_PREFIX = "waba:";

    /** Meta's status events that are a status of their own, passed on as they are. */
    private static final Set<String> STATUSES = Set.of("APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED",
            "FLAGGED", "IN_APPEAL", "ARCHIVED", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED");
    /** Events that return a template to use (second-hand for UNARCHIVED: it restores the approved template). */
    private static final Map<String, String> BACK_TO = Map.of("REINSTATED", "APPROVED", "UNARCHIVED", "APPROVED");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudApiTemplateChanges() {
    }

    static boolean handles(String field) {
        return STATUS_FIELD.equals(field) || QUALITY_FIELD.equals(field);
    }

    /**
     * The event for one template change, or empty for a change that moves no status (LOCKED, UNLOCKED, an event
     * this connector does not know) or names no template.
     */
    static Optional<RoutedEvent> event(JsonNode entry, String field, JsonNode value, Instant receivedAt) {
        String templateId = text(value.get("message_template_id"));
        String name = text(value.get("message_template_name"));
        String language = text(value.get("message_template_language"));
        if (templateId == null || name == null || language == null) {
            return Optional.empty();
        }
        String account = text(entry.get("id"));
        JsonNode time = entry.get("time");
        Instant occurredAt = time != null && time.canConvertToLong() ? Instant.ofEpochSecond(time.asLong())
                : receivedAt;
        ObjectNode payload = NODES.objectNode()
                .put("channel", WhatsAppCloudChannel.ID)
                .put("name", name)
                .put("language", language.replace('-', '_'))
                .put("templateId", templateId);
        String change;
        if (STATUS_FIELD.equals(field)) {
            String event = text(value.get("event"));
            String status = event == null ? null : STATUSES.contains(event) ? event : BACK_TO.get(event);
            if (status == null) {
                return Optional.empty();
            }
            payload.put("status", status);
            String reason = reason(value);
            if (reason != null) {
                payload.put("reason", reason);
            }
            change = event;
        } else {
            String quality = text(value.get("new_quality_score"));
            if (quality == null) {
                return Optional.empty();
            }
            payload.put("quality", quality);
            change = "quality:" + quality;
        }
        String category = text(value.get("message_template_category"));
        if (category != null) {
            payload.put("category", category);
        }
        if (account != null) {
            payload.put("accountId", account);
        }
        String deliveryId = "template:" + templateId + ":" + change + ":" + occurredAt.getEpochSecond();
        return Optional.of(new RoutedEvent(ROUTING_PREFIX + (account == null ? "" : account),
                EventTypes.TEMPLATE_STATUS, deliveryId, occurredAt, payload));
    }

    /**
     * Meta's {@code reason} ({@code NONE} means none), with the explanation Meta adds to an INVALID_FORMAT
     * rejection ({@code rejection_info.reason}) or to a pause or lock ({@code other_info}).
     */
    private static String reason(JsonNode value) {
        String reason = text(value.get("reason"));
        if ("NONE".equals(reason)) {
            reason = null;
        }
        String detail = text(value.path("rejection_info").get("reason"));
        if (detail == null) {
            String title = text(value.path("other_info").get("title"));
            String description = text(value.path("other_info").get("description"));
            detail = title == null ? description : description == null ? title : title + ": " + description;
        }
        if (detail == null) {
            return reason;
        }
        return reason == null ? detail : reason + ": " + detail;
    }
}
