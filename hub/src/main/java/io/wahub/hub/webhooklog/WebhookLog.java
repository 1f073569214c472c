package io.wahub.hub.webhooklog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The trace of webhooks that stored nothing (refused, duplicate, ignored), for the tenant's events page. Webhook URLs
 * are anonymous, so recording must stay cheap and bounded whatever a caller sends:
 * <ul>
 * <li>the request thread only offers an entry to a fixed-size queue ({@code wahub.webhook-log.queue}, 1,000); when
 * it is full the entry is dropped and counted, never waited for;</li>
 * <li>every second one flush drains the queue, folds identical entries (tenant, connector, outcome, reason) into one
 * row with their count, writes them in one statement and trims each tenant it wrote to its newest
 * {@code wahub.webhook-log.keep-per-tenant} rows (200) in a second one.</li>
 * </ul>
 * So memory is the queue, database work is two statements a second at most, and rows are bounded per tenant. Accepted
 * webhooks never pass here (the inbox is their record), so the accepted path gains no statement.
 */
@Component
public class WebhookLog {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLog.class);
    static final int DETAIL_LIMIT = 300;
    static final int CONNECTOR_LIMIT = 64;

    /** What became of a webhook that stored nothing. */
    public enum Outcome {
        REFUSED, DUPLICATE, IGNORED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One webhook as offered by the intake. */
    record Entry(String tenantId, String connector, Outcome outcome, int status, String reason, String detail,
                 Instant at) {
    }

    /** Entries folded for one row. */
    record Row(String tenantId, String connector, String outcome, int status, String reason, String detail,
               int count, Instant firstAt, Instant lastAt) {
    }

    private record Key(String tenantId, String connector, Outcome outcome, String reason) {
    }

    private final BlockingQueue<Entry> queue;
    private final WebhookLogRepository repository;
    private final int keepPerTenant;
    private final AtomicLong dropped = new AtomicLong();

    public WebhookLog(WebhookLogRepository repository,
                      @Value("${wahub.webhook-log.queue:1000}") int capacity,
                      @Value("${wahub.webhook-log.keep-per-tenant:200}") int keepPerTenant) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.keepPerTenant = keepPerTenant;
    }

    /**
     * Offers a webhook that stored nothing; never blocks. Call only for a tenant that exists.
     *
     * @param reason a stable code ({@code bad-signature}, {@code duplicate}, …)
     * @param detail words for the tenant's admins, or {@code null}; cut to {@value #DETAIL_LIMIT} characters
     */
    public void record(String tenantId, String connector, Outcome outcome, int status, String reason, String detail,
                       Instant at) {
        Entry entry = new Entry(tenantId, cut(connector, CONNECTOR_LIMIT), outcome, status, reason,
                detail == null ? null : cut(detail, DETAIL_LIMIT), at);
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what was offered since the last flush (every second); a failed write is logged and dropped. */
    @Scheduled(fixedDelayString = "${wahub.webhook-log.flush-ms:1000}")
    public void flush() {
        List<Entry> entries = new ArrayList<>();
        queue.drainTo(entries);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("Webhook log: {} refused or duplicate webhook(s) not recorded (queue full)", lost);
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            repository.write(fold(entries), keepPerTenant);
        } catch (RuntimeException failure) {
            LOG.warn("Webhook log: {} entries not written: {}", entries.size(), failure.toString());
        }
    }

    /** What was offered since the last flush is written before the hub stops. */
    @jakarta.annotation.PreDestroy
    void flushAtShutdown() {
        flush();
    }

    static List<Row> fold(List<Entry> entries) {
        Map<Key, Row> rows = new LinkedHashMap<>();
        for (Entry e : entries) {
            rows.merge(new Key(e.tenantId(), e.connector(), e.outcome(), e.reason()),
                    new Row(e.tenantId(), e.connector(), e.outcome().code(), e.status(), e.reason(), e.detail(), 1,
                            e.at(), e.at()),
                    (a, b) -> new Row(a.tenantId(), a.connector(), a.outcome(), b.status(), a.reason(), b.detail(),
                            a.count() + 1, a.firstAt().isBefore(b.firstAt()) ? a.firstAt() : b.firstAt(),
                            a.lastAt().isAfter(b.lastAt()) ? a.lastAt() : b.lastAt()));
        }
        return List.copyOf(rows.values());
    }

    private static String cut(String text, int limit) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= limit ? line : line.substring(0, limit - 1) + "…";
    }
}
