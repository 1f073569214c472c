package io.wahub.hub.catchup;

import io.wahub.hub.inbox.InboxRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.routes.ConnectorPolling;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Poller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the connectors' catch-up polls: for each poller, every tenant that configured it, at the poller's interval,
 * one node at a time (lease in {@code connector_poll}). What a poll finds goes into the inbox in the same
 * transaction as the new cursor; events a webhook already delivered are dropped there by their delivery id. New
 * events are due at once, so the recovery sweep hands them to dispatch within a second.
 */
@Service
public class CatchUpService implements ConnectorPolling {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpService.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 50;

    private final ExtensionRegistry extensions;
    private final HubContexts contexts;
    private final ConnectorPollRepository polls;
    private final InboxRepository inbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CatchUpService(ExtensionRegistry extensions, HubContexts contexts, ConnectorPollRepository polls,
                          InboxRepository inbox, TransactionTemplate transactions, Clock clock) {
        this.extensions = extensions;
        this.contexts = contexts;
        this.polls = polls;
        this.inbox = inbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int pollDue() {
        int polled = 0;
        for (Poller poller : extensions.pollers()) {
            for (ConnectorPollRepository.Claimed claimed : polls.claimDue(poller.id(), LEASE, BATCH)) {
                poll(poller, claimed);
                polled++;
            }
        }
        return polled;
    }

    private void poll(Poller poller, ConnectorPollRepository.Claimed claimed) {
        String tenant = claimed.tenantId();
        try {
            Poller.PollResult result = poller.poll(contexts.forExtension(tenant, poller), claimed.cursor());
            Instant now = clock.instant();
            int stored = transactions.execute(status -> {
                int count = 0;
                for (CanonicalEvent event : result.events()) {
                    if (!event.tenantId().equals(tenant) || !event.source().equals(poller.id())) {
                        throw new IllegalStateException(poller.id() + " polled an event for another tenant or source");
                    }
                    count += inbox.insert(event, now, now).isPresent() ? 1 : 0;
                }
                polls.completed(tenant, poller.id(), result.cursor(), poller.interval());
                return count;
            });
            if (stored > 0) {
                LOG.info("Catch-up of {} for tenant {} found {} event(s) its webhooks had not delivered",
                        poller.id(), tenant, stored);
            }
        } catch (Poller.PollFailure | RuntimeException e) {
            LOG.warn("Catch-up of {} for tenant {} failed; retrying in {}: {}", poller.id(), tenant,
                    poller.interval(), e.getMessage());
            polls.failed(tenant, poller.id(), String.valueOf(e.getMessage()), poller.interval());
        }
    }
}
