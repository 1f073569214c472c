package io.wahub.hub.feature.api;

import io.wahub.hub.WahubProperties;
import io.wahub.hub.feature.FeatureRun;
import io.wahub.hub.message.MessageRepository.NewMessage;
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
 * The messages a feature sent during an API call, as they are stored ({@link CallEffects} applies them the way a
 * dispatched event's run is applied, {@link io.wahub.hub.feature.RunEffects}): named templates resolved
 * ({@link TemplateResolver}); once committed, those due now are announced on the delivery bus. An announcement lost
 * is not a message lost: the recovery sweep delivers it after {@code wahub.dispatch.grace}.
 */
@Component
class OperationMessages {

    private static final Logger LOG = LoggerFactory.getLogger(OperationMessages.class);

    private final TemplateResolver templates;
    private final ProducerTemplate announcements;
    private final Duration grace;

    OperationMessages(TemplateResolver templates, ProducerTemplate announcements,
                      WahubProperties properties) {
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
