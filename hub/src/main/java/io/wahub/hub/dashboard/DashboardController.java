package io.wahub.hub.dashboard;

import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.webhooklog.WebhookLogRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One read for the tenant's dashboard: messages per day by status and by category, the delivery funnel, events
 * received and webhooks refused per connector and day, and this month's quota. Days are UTC; the window is the last
 * {@code days} days, today included (1–90, default 14).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/dashboard")
public class DashboardController {

    /** Statuses a message passed through on its way to the phone: a read message was delivered and sent. */
    private static final Set<String> SENT = Set.of("sent", "delivered", "read");
    private static final Set<String> DELIVERED = Set.of("delivered", "read");

    /**
     * @param days       the window's days, oldest first
     * @param messages   per day, status and category (and the reason of a suppressed or deferred message)
     * @param funnel     the window's messages as a funnel
     * @param webhooks   per day and connector: {@code received} (events stored), {@code refused}, {@code duplicate},
     *                   {@code ignored}
     * @param quota      this month's message quota
     */
    public record Dashboard(String tenant, List<String> days, List<DashboardRepository.MessageCount> messages,
                            Funnel funnel, List<WebhookCount> webhooks, Quota quota) {
    }

    /**
     * @param failed     messages that failed or died, by reason ({@code channel-error} when the channel gave none)
     * @param suppressed messages the send policy will never send, by reason code
     * @param waiting    queued, sending or deferred
     */
    public record Funnel(long total, long sent, long delivered, long read, Map<String, Long> failed,
                         Map<String, Long> suppressed, long waiting) {
    }

    public record WebhookCount(String day, String connector, String outcome, long count) {
    }

    public record Quota(String month, Integer limit, long used, long blocked, long released, String plan) {
    }

    private final DashboardRepository repository;
    private final WebhookLogRepository webhookLog;
    private final MessageQuota quota;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final Clock clock;

    public DashboardController(DashboardRepository repository, WebhookLogRepository webhookLog, MessageQuota quota,
                               Tenants tenants, PlanRepository plans, Clock clock) {
        this.repository = repository;
        this.webhookLog = webhookLog;
        this.quota = quota;
        this.tenants = tenants;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping
    @TenantScoped(Scope.MESSAGES_READ)
    public Dashboard dashboard(@PathVariable String tenant, @RequestParam(defaultValue = "14") int days) {
        Plan plan = plans.require(tenants.require(tenant).plan());
        int window = Math.clamp(days, 1, 90);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(window - 1L);
        var since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> dayList = first.datesUntil(today.plusDays(1)).map(LocalDate::toString).toList();

        var messages = repository.messages(tenant, since);
        List<WebhookCount> webhooks = new ArrayList<>();
        repository.events(tenant, since).forEach(e -> webhooks.add(
                new WebhookCount(e.day(), e.connector(), "received", e.count())));
        webhookLog.daily(tenant, since).forEach(w -> webhooks.add(
                new WebhookCount(w.day(), w.connector(), w.outcome(), w.count())));

        MessageQuota.Usage month = quota.usage(tenant, YearMonth.from(today));
        return new Dashboard(tenant, dayList, messages, funnel(messages), webhooks,
                new Quota(YearMonth.from(today).toString(), plan.messagesPerMonth(), month.used(), month.blocked(),
                        month.released(), plan.id()));
    }

    static Funnel funnel(List<DashboardRepository.MessageCount> messages) {
        long total = 0;
        long sent = 0;
        long delivered = 0;
        long read = 0;
        long waiting = 0;
        Map<String, Long> failed = new TreeMap<>();
        Map<String, Long> suppressed = new TreeMap<>();
        for (var m : messages) {
            total += m.count();
            if (SENT.contains(m.status())) {
                sent += m.count();
            }
            if (DELIVERED.contains(m.status())) {
                delivered += m.count();
            }
            if ("read".equals(m.status())) {
                read += m.count();
            }
            switch (m.status()) {
                case "failed", "dead" -> failed.merge(m.reason() == null ? "channel-error" : m.reason(), m.count(),
                        Long::sum);
                case "suppressed" -> suppressed.merge(m.reason() == null ? "unknown" : m.reason(), m.count(),
                        Long::sum);
                case "queued", "sending", "deferred" -> waiting += m.count();
                default -> { }
            }
        }
        return new Funnel(total, sent, delivered, read, failed, suppressed, waiting);
    }
}
