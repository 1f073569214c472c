package io.wahub.plugins.evolution;

import static io.wahub.sdk.Json.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.Json;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.WebhookConnector;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Receives an Evolution API v2 gateway's webhooks: {@code messages.upsert} from customers becomes
 * {@code message.received}, {@code messages.update} becomes {@code message.status}. The gateway does not sign its
 * webhooks; it sends the instance's key, which is compared in constant time.
 */
@Extension
public class EvolutionWebhook implements WebhookConnector {

    /** Baileys' ack levels, by name (v2) and by number (v1): what each means as a canonical status. */
    static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("SERVER_ACK", "sent"), Map.entry("2", "sent"),
            Map.entry("DELIVERY_ACK", "delivered"), Map.entry("3", "delivered"),
            Map.entry("READ", "read"), Map.entry("4", "read"),
            Map.entry("PLAYED", "read"), Map.entry("5", "read"),
            Map.entry("ERROR", "failed"), Map.entry("0", "failed"));

    private static final ObjectMapper JSON = Json.newMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String id() {
        return EvolutionChannel.ID;
    }

    @Override
    public String displayName() {
        return "WhatsApp via Evolution API gateway";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return EvolutionSettings.class;
    }

    @Override
    public WebhookOutcome receive(InboundWebhook webhook, PluginContext context) throws WebhookRejection {
        if (!context.configured()) {
            throw new WebhookRejection(Reason.NOT_CONFIGURED, "the Evolution gateway is not configured for tenant "
                    + context.tenantId());
        }
        EvolutionSettings settings = context.settings(EvolutionSettings.class);
        String headerKey = webhook.header("apikey");
        if (headerKey != null && !Hmac.matches(settings.expectedWebhookKey(), headerKey)) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, "the apikey header is not the configured webhook key");
        }
        JsonNode root;
        try {
            root = parse(webhook.body());
        } catch (WebhookRejection malformed) {
            if (headerKey == null) { // no key to prove the origin: refused as unproven, not as malformed
                throw new WebhookRejection(Reason.BAD_SIGNATURE, "no apikey header, and the body is not JSON that"
                        + " could carry the webhook key");
            }
            throw malformed;
        }
        if (headerKey == null && !Hmac.matches(settings.expectedWebhookKey(), text(root.get("apikey")))) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, "neither the apikey header nor the body's apikey is"
                    + " the configured webhook key");
        }
        String instance = text(root.get("instance"));
        if (instance == null || !instance.equals(settings.instance())) {
            throw new WebhookRejection(Reason.FOREIGN_SOURCE, "instance " + instance
                    + " is not the instance in the settings (" + settings.instance() + ")");
        }
        String event = text(root.get("event"));
        String normalised = event == null ? "" : event.toLowerCase(Locale.ROOT).replace('_', '.');
        JsonNode data = root.path("data");
        return switch (normalised) {
            case "messages.upsert" -> upsert(context, instance, data, webhook.receivedAt());
            case "messages.update" -> update(context, instance, data, webhook.receivedAt());
            default -> WebhookOutcome.ignored("event " + event + " is not used");
        };
    }

    private WebhookOutcome upsert(PluginContext context, String instance, JsonNode data, Instant receivedAt)
            throws WebhookRejection {
        JsonNode key = data.path("key");
        String id = text(key.get("id"));
        String jid = text(key.get("remoteJid"));
        if (id == null || jid == null) {
            throw new WebhookRejection(Reason.MALFORMED, "messages.upsert has no key.id or key.remoteJid");
        }
        if (key.path("fromMe").asBoolean(false)) {
            return WebhookOutcome.ignored("message " + id + " was sent from this number");
        }
        if (!jid.endsWith("@s.whatsapp.net") || !jid.substring(0, jid.indexOf('@')).matches("\\d{7,15}")) {
            return WebhookOutcome.ignored("message " + id + " is not from a person's chat (" + jid + ")");
        }
        ObjectNode payload = NODES.objectNode().put("channel", id()).put("messageId", id)
                .put("from", "+" + jid.substring(0, jid.indexOf('@')));
        String name = text(data.get("pushName"));
        if (name != null) {
            payload.put("name", name);
        }
        JsonNode message = data.path("message");
        String body = text(message.get("conversation"));
        if (body == null) {
            body = text(message.path("extendedTextMessage").get("text"));
        }
        String type = text(data.get("messageType"));
        payload.put("kind", body != null ? "text" : type == null ? "unknown" : type);
        if (body != null) {
            payload.put("text", body);
        }
        Instant at = data.path("messageTimestamp").canConvertToLong()
                ? Instant.ofEpochSecond(data.get("messageTimestamp").asLong()) : receivedAt;
        return WebhookOutcome.accepted(new CanonicalEvent(context.tenantId(), EventTypes.MESSAGE_RECEIVED, id(),
                instance + ":" + id, at, payload));
    }

    private WebhookOutcome update(PluginContext context, String instance, JsonNode data, Instant receivedAt)
            throws WebhookRejection {
        String id = text(data.get("keyId"));
        if (id == null) {
            id = text(data.path("key").get("id"));
        }
        String raw = text(data.get("status"));
        if (raw == null) {
            raw = text(data.path("update").get("status"));
        }
        if (id == null || raw == null) {
            throw new WebhookRejection(Reason.MALFORMED, "messages.update has no message id or status");
        }
        String status = STATUSES.get(raw.toUpperCase(Locale.ROOT));
        if (status == null) {
            return WebhookOutcome.ignored("status " + raw + " of " + id + " is not tracked");
        }
        ObjectNode payload = NODES.objectNode().put("channel", id()).put("providerMessageId", id)
                .put("status", status);
        return WebhookOutcome.accepted(new CanonicalEvent(context.tenantId(), EventTypes.MESSAGE_STATUS, id(),
                instance + ":" + id + ":" + status, receivedAt, payload));
    }

    private static JsonNode parse(byte[] body) throws WebhookRejection {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejection(Reason.MALFORMED, "body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new WebhookRejection(Reason.MALFORMED, "body is not valid JSON");
        } catch (IOException e) {
            throw new WebhookRejection(Reason.MALFORMED, "body could not be read as JSON");
        }
    }
}
