package io.wahub.hub.tenant;

import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.security.Actors;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform operator's view of every tenant: searched and paged on the server, each with its plan, status and
 * this month's message use. Changes (plan, suspension, name) go through {@code PATCH /api/v1/tenants/{tenant}}.
 */
@RestController
public class OperatorTenantController {

    /**
     * One page of tenants.
     *
     * @param total how many tenants match, in all pages
     */
    public record TenantPage(List<OperatorTenant> items, long total, int limit, int offset) {
    }

    /**
     * A tenant as the operator sees it.
     *
     * @param month        the UTC month {@code messagesUsed} counts
     * @param messagesUsed messages counted against the plan's monthly quota ({@code plan.messagesPerMonth})
     */
    public record OperatorTenant(TenantController.TenantView tenant, String month, long messagesUsed) {
    }

    private final TenantRepository repository;
    private final PlanRepository plans;
    private final MessageQuota quota;
    private final Clock clock;

    public OperatorTenantController(TenantRepository repository, PlanRepository plans, MessageQuota quota,
                                    Clock clock) {
        this.repository = repository;
        this.plans = plans;
        this.quota = quota;
        this.clock = clock;
    }

    /** Tenants whose id or name contains {@code q} (any case), of {@code status} when given, by id. */
    @GetMapping("/api/v1/operator/tenants")
    public TenantPage list(@RequestParam(required = false) String q,
                           @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "25") int limit,
                           @RequestParam(defaultValue = "0") int offset) {
        Actors.requireOperator();
        Paging.check(limit, offset);
        if (status != null && !status.isBlank() && !Tenant.ACTIVE.equals(status)
                && !Tenant.SUSPENDED.equals(status)) {
            throw new ProblemException(400, "invalid-request", "Invalid request",
                    "status must be active or suspended, not '" + status + "'.",
                    Map.of("errors", Map.of("status", "active or suspended")));
        }
        TenantRepository.Page page = repository.search(q, status == null || status.isBlank() ? null : status, null,
                limit, offset);
        YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        Map<String, Long> used = quota.used(page.items().stream().map(Tenant::id).toList(), month);
        List<OperatorTenant> items = page.items().stream().map(t -> new OperatorTenant(view(t),
                month.toString(), used.getOrDefault(t.id(), 0L))).toList();
        return new TenantPage(items, page.total(), limit, offset);
    }

    private TenantController.TenantView view(Tenant t) {
        return new TenantController.TenantView(t.id(), t.name(), t.channel(), t.status(),
                plans.find(t.plan()).orElse(null), t.createdAt());
    }
}
