package io.wahub.hub.message;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's outbound messages, newest first, each one's status history, and resending a dead one. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/messages")
public class MessageController {

    public record MessageDetail(MessageViews.MessageView message,
                                List<MessageViews.StatusChange> history) {
    }

    private final MessageViews messages;
    private final DeadMessages dead;
    private final Tenants tenants;
    private final AuditLog audit;

    public MessageController(MessageViews messages, DeadMessages dead, Tenants tenants, AuditLog audit) {
        this.messages = messages;
        this.dead = dead;
        this.tenants = tenants;
        this.audit = audit;
    }

    @GetMapping
    @TenantScoped(Scope.MESSAGES_READ)
    public List<MessageViews.MessageView> latest(@PathVariable String tenant,
                                                      @RequestParam(defaultValue = "50") int limit) {
        tenants.require(tenant);
        return messages.latest(tenant, Math.clamp(limit, 1, 500));
    }

    @GetMapping("/{id}")
    @TenantScoped(Scope.MESSAGES_READ)
    public MessageDetail get(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        var message = messages.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        return new MessageDetail(message, messages.history(tenant, id));
    }

    /**
     * Puts a dead message back in the queue (202, the message as it is now); 409 when it is not dead, 404 when the
     * tenant has no such message. Audited as {@code message.resent}.
     */
    @PostMapping("/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @TenantScoped(Scope.TENANT_WRITE)
    public MessageViews.MessageView resend(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        switch (dead.resend(tenant, id, Actors.name())) {
            case NOT_FOUND -> throw notFound(tenant, id);
            case NOT_DEAD -> throw new ProblemException(409, "message-not-dead", "Message is not dead",
                    "Only a dead message can be resent; message " + id + " is "
                            + messages.find(tenant, id).map(MessageViews.MessageView::status).orElse("gone")
                            + ".");
            case RESENT -> audit.record(tenant, "message.resent", id.toString(), Map.of());
        }
        return messages.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    private static ProblemException notFound(String tenant, UUID id) {
        return new ProblemException(404, "message-not-found", "Message not found",
                "No message " + id + " for tenant '" + tenant + "'.");
    }
}
