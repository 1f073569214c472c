package io.wahub.plugins.whatsappcloud;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.RoutedEvent;
import io.wahub.sdk.WebhookJson;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cloud API's webhook protocol, shared by the per-tenant and the app-level URL: the GET verification
 * handshake, the {@code X-Hub-Signature-256} check over the raw body, and the split of a
 * {@code whatsapp_business_account} notification into events labelled with their {@code phone_number_id}.
 */
final class CloudApiWebhooks {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final Set<String> STATUSES = Set.of("sent", "delivered", "read", "failed");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudApiWebhooks() {
    }

    /** {@code hub.mode=subscribe} and a matching {@code hub.verify_token} → the {@code hub.challenge} to echo. */
    static String handshake(InboundWebhook webhook, String verifyToken, String setting) throws WebhookRejection {
        Map<String, String> query = webhook.query();
        if (!"subscribe".equals(query.get("hub.mode"))) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, "hub.mode must be subscribe");
        }
        if (verifyToken == null || verifyToken.isEmpty()) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, "the " + setting + " is not set");
        }
        if (!Hmac.matches(verifyToken, query.get("hub.verify_token"))) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, "hub.verify_token does not match the " + setting);
        }
        String challenge = query.get("hub.challenge");
        if (challenge == null || challenge.isEmpty()) {
            throw new WebhookRejection(Reason.MALFORMED, "hub.challenge is missing");
        }
        return challenge;
    }

    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed with the app secret>}. */
    static void verifySignature(InboundWebhook webhook, String appSecret) throws WebhookRejection {
        String provided = webhook.header(SIGNATURE_HEADER);
        if (provided == null || provided.isBlank()) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " header is missing");
        }
        String expected = "sha256=" + Hmac.hex(Hmac.sha256(appSecret, webhook.body()));
        if (!Hmac.matches(expected, provided)) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE,
                    SIGNATURE_HEADER + " does not match the body signed with the app secret");
        }
    }

    /**
     * Every inbound message ({@code message.received}, keyed on its wamid), status ({@code message.status},
     * keyed on wamid and status) and marketing preference ({@code contact.preferences}, from the
     * {@code user_preferences} field) of a verified notification, labelled with the receiving number's
     * {@code phone_number_id}, and every template status or quality change ({@code template.status}, see
     * {@link CloudApiTemplateChanges}). Changes of other fields (account updates, …) are skipped.
     */
    static List<RoutedEvent> events(byte[] body, Instant receivedAt) throws WebhookRejection {
        JsonNode root = parse(body);
        if (!"whatsapp_business_account".equals(root.path("object").asText())) {
            throw new WebhookRejection(Reason.MALFORMED, "object is not whatsapp_business_account");
        }
        List<RoutedEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asText();
                if (CloudApiTemplateChanges.handles(field)) {
                    CloudApiTemplateChanges.event(entry, field, change.path("value"), receivedAt)
                            .ifPresent(events::add);
                    continue;
                }
                if (!"messages".equals(field) && !"user_preferences".equals(field)) {
                    continue;
                }
                JsonNode value = change.path("value");
                String phoneNumberId = text(value.path("metadata").get("phone_number_id"));
                if (phoneNumberId == null) {
                    throw new WebhookRejection(Reason.MALFORMED, "a " + field
                            + " change has no metadata.phone_number_id");
                }
                for (JsonNode preference : value.path("user_preferences")) {
                    RoutedEvent event = preferences(phoneNumberId, preference, value.path("contacts"), receivedAt);
                    if (event != null) {
                        events.add(event);
                    }
                }
                for (JsonNode message : value.path("messages")) {
                    events.add(received(phoneNumberId, message, value.path("contacts"), receivedAt));
                }
                for (JsonNode status : value.path("statuses")) {
                    String state = text(status.get("status"));
                    if (state != null && STATUSES.contains(state)) {
                        events.add(status(phoneNumberId, status, receivedAt));
                    }
                }
            }
        }
        return events;
    }

    private static RoutedEvent received(String phoneNumberId, JsonNode message, JsonNode contacts,
                                        Instant receivedAt) throws WebhookRejection {
        String wamid = text(message.get("id"));
        String from = text(message.get("from"));
        if (wamid == null || from == null || !from.matches("\\d{7,15}")) {
            throw new WebhookRejection(Reason.MALFORMED, "an inbound message has no id or no from number");
        }
        ObjectNode payload = NODES.objectNode()
                .put("channel", WhatsAppCloudChannel.ID)
                .put("messageId", wamid)
                .put("from", "+" + from);
        for (JsonNode contact : contacts) {
            if (from.equals(text(contact.get("wa_id")))) {
                putText(payload, "name", contact.path("profile").get("name"));
            }
        }
        String type = text(message.get("type"));
        switch (type == null ? "" : type) {
            case "text" -> {
                payload.put("kind", "text");
                putText(payload, "text", message.path("text").get("body"));
            }
            case "button" -> {
                payload.put("kind", "button");
                putText(payload, "text", message.path("button").get("text"));
                putText(payload, "buttonPayload", message.path("button").get("payload"));
            }
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.get("button_reply")
                        : interactive.path("list_reply");
                payload.put("kind", "interactive");
                putText(payload, "text", reply.get("title"));
                putText(payload, "buttonPayload", reply.get("id"));
            }
            default -> {
                payload.put("kind", type == null ? "unknown" : type);
                if (type != null) {
                    putText(payload, "text", message.path(type).get("caption"));
                }
            }
        }
        putText(payload, "replyTo", message.path("context").get("id"));
        payload.put("phoneNumberId", phoneNumberId);
        return new RoutedEvent(phoneNumberId, EventTypes.MESSAGE_RECEIVED, wamid, time(message, receivedAt), payload);
    }

    /**
     * A {@code user_preferences} entry about marketing messages ({@code value} {@code stop} or {@code resume}) as
     * {@code contact.preferences}, keyed on the user, the value and Meta's timestamp; other categories or values are
     * skipped (null).
     */
    private static RoutedEvent preferences(String phoneNumberId, JsonNode preference, JsonNode contacts,
                                           Instant receivedAt) throws WebhookRejection {
        String waId = text(preference.get("wa_id"));
        String value = text(preference.get("value"));
        if (waId == null || !waId.matches("\\d{7,15}")) {
            throw new WebhookRejection(Reason.MALFORMED, "a user preference has no wa_id number");
        }
        if (!"marketing_messages".equals(text(preference.get("category")))
                || !("stop".equals(value) || "resume".equals(value))) {
            return null;
        }
        ObjectNode payload = NODES.objectNode()
                .put("channel", WhatsAppCloudChannel.ID)
                .put("from", "+" + waId);
        for (JsonNode contact : contacts) {
            if (waId.equals(text(contact.get("wa_id")))) {
                putText(payload, "name", contact.path("profile").get("name"));
            }
        }
        payload.put("category", "marketing").put("preference", value);
        putText(payload, "detail", preference.get("detail"));
        payload.put("phoneNumberId", phoneNumberId);
        Instant at = time(preference, receivedAt);
        return new RoutedEvent(phoneNumberId, EventTypes.CONTACT_PREFERENCES,
                "preferences:" + waId + ":" + value + ":" + at.getEpochSecond(), at, payload);
    }

    private static RoutedEvent status(String phoneNumberId, JsonNode status, Instant receivedAt)
            throws WebhookRejection {
        String wamid = text(status.get("id"));
        String state = text(status.get("status"));
        if (wamid == null) {
            throw new WebhookRejection(Reason.MALFORMED, "a status has no message id");
        }
        ObjectNode payload = NODES.objectNode()
                .put("channel", WhatsAppCloudChannel.ID)
                .put("providerMessageId", wamid)
                .put("status", state);
        String recipient = text(status.get("recipient_id"));
        if (recipient != null && recipient.matches("\\d{7,15}")) {
            payload.put("recipient", "+" + recipient);
        }
        JsonNode error = status.path("errors").path(0);
        if (!error.isMissingNode()) {
            putText(payload, "errorCode", error.get("code"));
            String title = text(error.get("title"));
            String details = text(error.path("error_data").get("details"));
            String message = title == null ? text(error.get("message")) : title;
            if (message != null || details != null) {
                payload.put("error", details == null ? message : message == null ? details : message + ": " + details);
            }
        }
        payload.put("phoneNumberId", phoneNumberId);
        return new RoutedEvent(phoneNumberId, EventTypes.MESSAGE_STATUS, wamid + ":" + state,
                time(status, receivedAt), payload);
    }

    private static Instant time(JsonNode node, Instant fallback) {
        JsonNode timestamp = node.get("timestamp");
        if (timestamp != null && timestamp.asText().matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(timestamp.asText()));
        }
        return fallback;
    }

    private static JsonNode parse(byte[] body) throws WebhookRejection {
        return WebhookJson.parseObject(body, "body");
    }

    private static void putText(ObjectNode target, String field, JsonNode node) {
        String value = text(node);
        if (value != null) {
            target.put(field, value);
        }
    }
}
