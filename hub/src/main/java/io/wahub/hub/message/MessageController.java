package io.wahub.hub.message;

import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's outbound messages, newest first, and each one's status history. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/messages")
public class MessageController {

    public record MessageDetail(MessageViews.MessageView message,
                                List<MessageViews.StatusChange> history) {
    }

    private final MessageViews messages;
    private final Tenants tenants;

    public MessageController(MessageViews messages, Tenants tenants) {
        this.messages = messages;
        this.tenants = tenants;
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
        var message = messages.find(tenant, id).orElseThrow(() -> new ProblemException(404, "message-not-found",
                "Message not found", "No message " + id + " for tenant '" + tenant + "'."));
        return new MessageDetail(message, messages.history(tenant, id));
    }
}
