package io.wahub.hub.inbox;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's received events, newest first, filtered by connector ({@code source}), type, status and time; one
 * event with its payload and the messages it produced; replaying a dead one.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/events")
public class EventController {

    static final Set<String> STATUSES = Set.of("pending", "done", "dead");

    private final InboxRepository inbox;
    private final EventLog log;
    private final Tenants tenants;
    private final AuditLog audit;

    public EventController(InboxRepository inbox, EventLog log, Tenants tenants, AuditLog audit) {
        this.inbox = inbox;
        this.log = log;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** Every filter is optional; {@code since} and {@code until} are ISO-8601 instants; 400 with field errors. */
    @GetMapping
    @TenantScoped(Scope.MESSAGES_READ)
    public List<InboxRepository.EventSummary> latest(@PathVariable String tenant,
                                                     @RequestParam(defaultValue = "50") int limit,
                                                     @RequestParam(required = false) String source,
                                                     @RequestParam(required = false) String type,
                                                     @RequestParam(required = false) String status,
                                                     @RequestParam(required = false) String since,
                                                     @RequestParam(required = false) String until) {
        tenants.require(tenant);
        int bounded = Math.clamp(limit, 1, 500);
        if (source == null && type == null && status == null && since == null && until == null) {
            return inbox.latest(tenant, bounded);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw invalid("status", "must be one of pending, done, dead");
        }
        return log.search(tenant, new EventLog.Filter(blankToNull(source), blankToNull(type), status,
                instant("since", since), instant("until", until)), bounded);
    }

    @GetMapping("/{id}")
    @TenantScoped(Scope.MESSAGES_READ)
    public EventLog.EventDetail get(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        return log.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    /**
     * Hands a dead event to the features again (202, the event as it is now); 409 when it is not dead, 404 when
     * the tenant has no such event. Audited as {@code event.replayed}.
     */
    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @TenantScoped(Scope.TENANT_WRITE)
    public EventLog.EventDetail replay(@PathVariable String tenant, @PathVariable UUID id) {
        tenants.require(tenant);
        switch (log.replay(tenant, id)) {
            case NOT_FOUND -> throw notFound(tenant, id);
            case NOT_DEAD -> throw new ProblemException(409, "event-not-dead", "Event is not dead",
                    "Only a dead event can be replayed; event " + id + " is "
                            + log.find(tenant, id).map(detail -> detail.event().status()).orElse("gone") + ".");
            case REPLAYED -> audit.record(tenant, "event.replayed", id.toString(), Map.of());
        }
        return log.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant such as 2026-01-31T10:00:00Z");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "invalid-filter", "Invalid filter",
                "The filter '" + field + "' " + message + ".", Map.of("errors", Map.of(field, message)));
    }

    private static ProblemException notFound(String tenant, UUID id) {
        return new ProblemException(404, "event-not-found", "Event not found",
                "No event " + id + " for tenant '" + tenant + "'.");
    }
}
