package io.wahub.hub.policy;

import io.wahub.hub.contact.ConsentRepository;
import io.wahub.hub.contact.ContactService;
import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.policy.RecipientFacts.Facts;
import io.wahub.routes.Ref;
import io.wahub.sdk.ChannelConnector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Consent, then the 24-hour window, from the tenant's contacts:
 * <ul>
 * <li>marketing needs the contact's opt-in (reason {@value #NO_OPT_IN}); any category the contact opted out of is
 * not sent ({@value #OPTED_OUT}). Utility, authentication and service messages need no opt-in: they serve the
 * customer's own transactions, and an opt-out of marketing never stops them;</li>
 * <li>free-form messages (text, reply buttons) go only inside the customer-service window, 24 hours from the
 * customer's last message (WhatsApp refuses them otherwise, error 131047): outside it they are suppressed with
 * reason {@value #WINDOW_CLOSED} (on channels that keep the window: {@link ChannelConnector#keepsCustomerServiceWindow}). A feature that must reach the customer anyway sends a template outside the window
 * (it can ask {@code FeatureContext.contacts().windowOpen}), as the packing list does.</li>
 * </ul>
 */
@Component
@Order(30)
class ConsentAndWindowCheck implements SendCheck {

    static final String NO_OPT_IN = "no-opt-in";
    static final String OPTED_OUT = "opted-out";
    static final String WINDOW_CLOSED = "window-closed";

    private final ExtensionRegistry extensions;

    ConsentAndWindowCheck(ExtensionRegistry extensions) {
        this.extensions = extensions;
    }

    @Override
    public Map<Ref, PolicyDecision> check(SendBatch batch) {
        List<ClaimedMessage> messages = batch.messages();
        Instant now = batch.now();
        Map<Ref, PolicyDecision> stopped = new HashMap<>();
        for (ClaimedMessage message : messages) {
            Facts fact = batch.facts(message);
            boolean window = extensions.channel(message.channel())
                    .map(ChannelConnector::keepsCustomerServiceWindow).orElse(true);
            PolicyDecision decision = decide(message, fact, window, now);
            if (decision != null) {
                stopped.put(message.ref(), decision);
            }
        }
        return stopped;
    }

    private static PolicyDecision decide(ClaimedMessage claimed, Facts fact, boolean window, Instant now) {
        var message = claimed.message();
        String consent = fact == null ? null : fact.consent();
        if (!ContactService.allowed(message.category(), consent)) {
            String category = message.category().name().toLowerCase(java.util.Locale.ROOT);
            return ConsentRepository.OPTED_OUT.equals(consent)
                    ? PolicyDecision.suppress(OPTED_OUT, "The customer opted out of " + category + " messages on "
                    + fact.consentAt().truncatedTo(ChronoUnit.SECONDS) + " (" + fact.consentSource() + ").")
                    : PolicyDecision.suppress(NO_OPT_IN, "Marketing needs the customer's opt-in, and "
                    + message.to() + " has not opted in.");
        }
        if (window && message.template() == null) {
            Instant lastInbound = fact == null ? null : fact.lastInboundAt();
            if (lastInbound == null || !now.isBefore(lastInbound.plus(ContactService.WINDOW))) {
                return PolicyDecision.suppress(WINDOW_CLOSED, lastInbound == null
                        ? "The customer has never written, so WhatsApp takes only a template: this free-form"
                        + " message cannot be sent."
                        : "The customer last wrote on " + lastInbound.truncatedTo(ChronoUnit.SECONDS) + ", more than"
                        + " 24 hours ago, so WhatsApp takes only a template: this free-form message cannot be sent.");
            }
        }
        return null;
    }
}
