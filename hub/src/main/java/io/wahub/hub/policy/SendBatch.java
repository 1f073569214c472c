package io.wahub.hub.policy;

import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.policy.RecipientFacts.Facts;
import io.wahub.hub.policy.RecipientFacts.Key;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The messages of a delivery batch a {@link SendCheck} is asked about, the instant they are judged at, and what the
 * commerce model says about their recipients ({@link RecipientFacts}): read in one query the first time a check asks,
 * then shared by every later check of the same batch.
 */
public final class SendBatch {

    private final List<ClaimedMessage> messages;
    private final Instant now;
    private final Loaded facts;

    /** The recipients' facts, loaded at most once for the batch. */
    private static final class Loaded {

        private final Function<List<ClaimedMessage>, Map<Key, Facts>> loader;
        private Map<Key, Facts> facts;

        Loaded(Function<List<ClaimedMessage>, Map<Key, Facts>> loader) {
            this.loader = loader;
        }

        synchronized Map<Key, Facts> of(List<ClaimedMessage> messages) {
            if (facts == null) {
                facts = loader.apply(messages);
            }
            return facts;
        }
    }

    private SendBatch(List<ClaimedMessage> messages, Instant now, Loaded facts) {
        this.messages = List.copyOf(messages);
        this.now = now;
        this.facts = facts;
    }

    /** @param loader reads the facts of these messages' recipients ({@link RecipientFacts#load}) */
    static SendBatch of(List<ClaimedMessage> messages, Instant now,
                        Function<List<ClaimedMessage>, Map<Key, Facts>> loader) {
        return new SendBatch(messages, now, new Loaded(loader));
    }

    /**
     * The same batch without the messages an earlier check stopped, sharing its facts: they were read for a superset
     * of these messages, since a batch only ever shrinks.
     */
    SendBatch remaining(List<ClaimedMessage> open) {
        return new SendBatch(open, now, facts);
    }

    public List<ClaimedMessage> messages() {
        return messages;
    }

    public Instant now() {
        return now;
    }

    /** What the commerce model says about a message's recipient and category; null if nothing. */
    Facts facts(ClaimedMessage message) {
        return facts.of(messages).get(RecipientFacts.key(message));
    }
}
