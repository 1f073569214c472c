package io.wahub.hub.feature.api;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.template.TemplateResolver;
import io.wahub.routes.Endpoints;
import io.wahub.routes.Ref;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies what a feature did during an API call the way a dispatched event's run is applied ({@link RunEffects}):
 * its messages (named templates resolved, {@link TemplateResolver}) stored, deduplicated by idempotency key, taken
 * from the tenant's monthly quota and paced, and its timer changes made; then, once committed, the messages due now
 * are announced on the delivery bus. An announcement lost is not a message lost: the recovery sweep delivers it
 * after {@code wahub.dispatch.grace}.
 */
@Component
class OperationMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OperationMessages.class);

    private final RunEffects effects;
    private final TemplateResolver templates;
    private final ProducerTemplate announcements;
    private final Duration grace;

    OperationMessages(RunEffects effects, TemplateResolver templates, ProducerTemplate announcements,
                      WahubProperties properties) {
        this.effects = effects;
        this.templates = templates;
        this.announcements = announcements;
        this.grace = properties.dispatch().grace();
    }

    /**
     * The run's messages as they are stored: named templates resolved (those the run read already are not read
     * again). Outside any transaction.
     */
    List<NewMessage> resolve(String tenantId, String channel, FeatureRun run) {
        return templates.resolveAll(run.messages().stream()
                .map(m -> new NewMessage(tenantId, channel, m, null, grace)).toList(), run.templates());
    }

    /**
     * Applies the run's effects, its messages' quota units reserved before ({@link MessageQuota#reserve}); call
     * inside the transaction that records the call.
     */
    RunEffects.Applied store(List<NewMessage> queued, FeatureRun run, MessageQuota.Reservation reserved) {
        return effects.apply(queued, List.of(run.timers()), reserved);
    }

    /** Announces stored messages to delivery. */
    void announce(List<Ref> stored) {
        if (stored.isEmpty()) {
            return;
        }
        try {
            announcements.sendBody(Endpoints.QUEUED_MESSAGES, stored.stream().map(Ref::encode).toList());
        } catch (RuntimeException e) {
            LOG.warn("Could not announce {} messages; the recovery sweep delivers them: {}", stored.size(),
                    e.toString());
        }
    }
}
