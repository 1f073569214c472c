package io.wahub.hub.message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.inbox.InboxWriter;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenant;
import io.wahub.hub.tenant.Tenants;
import io.wahub.routes.Endpoints;
import io.wahub.hub.web.ProblemException;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox phone's inbound side: what a customer would send, typed or tapped in the panel, enters as a
 * {@code message.received} event (source {@code sandbox}) through the same inbox as a WhatsApp webhook, so features
 * see a sandbox tap on a reply button exactly as they see one from the Cloud API ({@code kind} {@code button} with
 * its {@code buttonPayload}). Stored, then announced to dispatch as a webhook's events are. Only for tenants on the
 * sandbox channel (409 {@code not-sandbox} otherwise).
 *
 * <p>A tap may also carry what the Cloud API's webhook carries with it: the button's label ({@code buttonText}, the
 * event's {@code text}), the id of the message whose button it was ({@code replyTo}), and whether that message was
 * an interactive one ({@code interactive}: kind {@code interactive} instead of {@code button}).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/sandbox/replies")
public class SandboxReplyController {

    /**
     * A customer's message: a text, or a tap on a button whose payload it carries.
     *
     * @param buttonText  with {@code buttonPayload}: the tapped button's label (optional)
     * @param replyTo     the channel id of the message answered (optional)
     * @param interactive with {@code buttonPayload}: true when the button was an interactive message's reply button
     */
    public record Reply(String from, String text, String buttonPayload, String buttonText, String replyTo,
                        Boolean interactive) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxReplyController.class);

    private final Tenants tenants;
    private final InboxWriter inbox;
    private final Clock clock;
    private final ProducerTemplate announcements;

    public SandboxReplyController(Tenants tenants, InboxWriter inbox, Clock clock, ProducerTemplate announcements) {
        this.tenants = tenants;
        this.inbox = inbox;
        this.clock = clock;
        this.announcements = announcements;
    }

    /** 202 with the stored event's id and the message id features see. */
    @PostMapping
    @TenantScoped(Scope.TENANT_WRITE)
    public ResponseEntity<Map<String, String>> reply(@PathVariable String tenant, @RequestBody Reply reply) {
        Tenant found = tenants.require(tenant);
        Map<String, String> errors = new TreeMap<>();
        String from = reply.from() == null ? "" : reply.from().strip();
        if (!PhoneNumbers.isE164(from)) {
            errors.put("from", "the customer's number in E.164, for example +4915112345678");
        }
        boolean text = reply.text() != null && !reply.text().isBlank();
        boolean button = reply.buttonPayload() != null && !reply.buttonPayload().isBlank();
        if (text == button) {
            errors.put(text ? "buttonPayload" : "text", "give either text or buttonPayload");
        } else if (text && reply.text().length() > 4096) {
            errors.put("text", "at most 4096 characters");
        } else if (button && reply.buttonPayload().length() > 256) {
            errors.put("buttonPayload", "at most 256 characters");
        }
        if (!button && (present(reply.buttonText()) || Boolean.TRUE.equals(reply.interactive()))) {
            errors.put(present(reply.buttonText()) ? "buttonText" : "interactive", "only with buttonPayload");
        } else if (present(reply.buttonText()) && reply.buttonText().length() > 256) {
            errors.put("buttonText", "at most 256 characters");
        }
        if (present(reply.replyTo()) && reply.replyTo().length() > 256) {
            errors.put("replyTo", "at most 256 characters");
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-request", "Invalid request",
                    "Invalid request: " + String.join(", ", errors.keySet()), Map.of("errors", errors));
        }
        if (!Tenant.SANDBOX.equals(found.channel())) {
            throw new ProblemException(409, "not-sandbox", "Not on the sandbox", "Tenant '" + tenant
                    + "' sends through " + found.channel() + "; its customers' replies come from that channel.");
        }
        String messageId = "sandbox." + UUID.randomUUID();
        ObjectNode payload = NODES.objectNode().put("channel", Tenant.SANDBOX).put("messageId", messageId)
                .put("from", from)
                .put("kind", !button ? "text" : Boolean.TRUE.equals(reply.interactive()) ? "interactive" : "button");
        if (button) {
            payload.put("buttonPayload", reply.buttonPayload().strip());
            if (present(reply.buttonText())) {
                payload.put("text", reply.buttonText().strip());
            }
        } else {
            payload.put("text", reply.text());
        }
        if (present(reply.replyTo())) {
            payload.put("replyTo", reply.replyTo().strip());
        }
        Instant now = clock.instant();
        UUID id = inbox.store(List.of(new CanonicalEvent(tenant, EventTypes.MESSAGE_RECEIVED, Tenant.SANDBOX,
                messageId, now, payload)), now, now).getFirst().orElseThrow();
        try {
            announcements.sendBody(Endpoints.EVENTS_TO, ExchangePattern.InOnly, new Ref(tenant, id).encode());
        } catch (RuntimeException e) {
            LOG.warn("Could not announce sandbox reply {}; the recovery sweep dispatches it: {}", id, e.toString());
        }
        return ResponseEntity.accepted().body(Map.of("eventId", id.toString(), "messageId", messageId));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
