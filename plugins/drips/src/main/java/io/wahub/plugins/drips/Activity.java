package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What contacts do with campaign messages: status reports of a step's message count as {@code delivered},
 * {@code read} (a read message was delivered too) or {@code failed} at that step; a message from the contact counts
 * as {@code replied} for their journeys (at the step that messaged them last, and for the campaign) and ends the
 * active ones whose campaign says {@code exitOnReply}. Each fact counts once ({@link Facts#once}).
 */
final class Activity {

    /** How long after a journey completed a reply still counts for it. */
    static final Duration LATE_REPLY = Duration.ofDays(7);

    private Activity() {
    }

    /** A {@code message.status} event: the hub applied it to its outbox, so the provider id names the message. */
    static void status(CanonicalEvent event, FeatureContext context) {
        JsonNode payload = event.payload();
        String status = payload.path("status").asText("");
        if (!status.equals("delivered") && !status.equals("read") && !status.equals("failed")) {
            return;
        }
        Optional<Facts.StepMessage> sent = context.messageId(payload.path("providerMessageId").asText(""))
                .flatMap(id -> Facts.message(context.store(), id));
        if (sent.isEmpty()) {
            return; // not a campaign message
        }
        Facts.StepMessage message = sent.get();
        FeatureStore store = context.store();
        Instant now = context.clock().instant();
        if (status.equals("read")) {
            Facts.once(store, message.enrolmentId(), message.campaignId(), false, message.stepId(), "delivered", now);
        }
        Facts.once(store, message.enrolmentId(), message.campaignId(), false, message.stepId(), status, now);
    }

    /** A {@code message.received} from a contact who has not opted out. */
    static void reply(CanonicalEvent event, FeatureContext context, String phone) {
        FeatureStore store = context.store();
        Instant now = context.clock().instant();
        JsonNode payload = event.payload();
        String ref = payload.path("messageId").asText(event.deliveryId());
        Facts.contactDid(store, phone, "replied", ref, now);
        String kind = payload.path("kind").asText("");
        if (kind.equals("button") || kind.equals("interactive")) {
            Facts.contactDid(store, phone, "clicked", ref, now);
        }
        for (Enrolment enrolment : Enrolments.activeOrCompletedSince(store, phone, now.minus(LATE_REPLY))) {
            Facts.once(store, enrolment, "", "replied", now);
            Facts.lastMessagedStep(store, enrolment.id())
                    .ifPresent(step -> Facts.once(store, enrolment, step, "replied", now));
            if (enrolment.status().equals(Enrolment.ACTIVE)) {
                Campaigns.find(store, enrolment.campaignId())
                        .filter(campaign -> campaign.definition().exitOnReply())
                        .ifPresent(campaign -> Journey.exit(context, enrolment, "replied"));
            }
        }
    }
}
