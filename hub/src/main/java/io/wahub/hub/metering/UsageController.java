package io.wahub.hub.metering;

import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's usage for one UTC month: what a billing system reads. Metrics: {@code messages.<category>} (sent),
 * {@code webhooks.received}, {@code api.calls}.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/usage")
public class UsageController {

    /**
     * @param totals per metric for the month
     * @param days   one row per day with usage, oldest first
     * @param plan   the tenant's current plan and its limits
     * @param quota  the message quota: limit (null: unlimited), used (messages sent or on their way this month:
     *               blocked, dead and suppressed ones excluded), remaining, how many messages were blocked for
     *               exceeding it and how many gave their unit back (dead or suppressed, never sent)
     */
    public record Usage(String tenant, String month, Map<String, Long> totals, List<Day> days, Plan plan,
                        MessageQuotaState quota) {
    }

    public record Day(LocalDate day, Map<String, Long> metrics) {
    }

    public record MessageQuotaState(Integer limit, long used, Long remaining, long blocked, long released) {
    }

    private final UsageMeter meter;
    private final MessageQuota quota;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final Clock clock;

    public UsageController(UsageMeter meter, MessageQuota quota, Tenants tenants, PlanRepository plans,
                           Clock clock) {
        this.meter = meter;
        this.quota = quota;
        this.tenants = tenants;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping
    @TenantScoped(Scope.USAGE_READ)
    public Usage monthly(@PathVariable String tenant, @RequestParam(required = false) String month) {
        Plan plan = plans.require(tenants.require(tenant).plan());
        YearMonth period = parse(month);
        LocalDate from = period.atDay(1);
        LocalDate to = period.atEndOfMonth();
        List<Day> days = meter.daily(tenant, from, to).entrySet().stream()
                .map(e -> new Day(e.getKey(), e.getValue())).toList();
        MessageQuota.Usage counted = quota.usage(tenant, period);
        Long remaining = plan.messagesPerMonth() == null ? null
                : Math.max(0, plan.messagesPerMonth() - counted.used());
        return new Usage(tenant, period.toString(), meter.totals(tenant, from, to), days, plan,
                new MessageQuotaState(plan.messagesPerMonth(), counted.used(), remaining, counted.blocked(),
                        counted.released()));
    }

    private YearMonth parse(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "invalid-month", "Invalid month",
                    "month must look like 2026-11, not '" + month + "'.");
        }
    }
}
