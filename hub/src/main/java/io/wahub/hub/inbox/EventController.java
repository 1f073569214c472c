package io.wahub.hub.inbox;

import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's received events, newest first. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/events")
public class EventController {

    private final InboxRepository inbox;
    private final Tenants tenants;

    public EventController(InboxRepository inbox, Tenants tenants) {
        this.inbox = inbox;
        this.tenants = tenants;
    }

    @GetMapping
    @TenantScoped(Scope.MESSAGES_READ)
    public List<InboxRepository.EventSummary> latest(@PathVariable String tenant,
                                                     @RequestParam(defaultValue = "50") int limit) {
        tenants.require(tenant);
        return inbox.latest(tenant, Math.clamp(limit, 1, 500));
    }
}
