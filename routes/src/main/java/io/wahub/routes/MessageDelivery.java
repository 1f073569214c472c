package io.wahub.routes;

import java.util.List;

/** Port the outbound route calls: deliver a queued message through its tenant's channel. */
public interface MessageDelivery {

    /**
     * Claims the messages (skipping those already sent, not due, or leased by another node), makes one attempt for
     * each on its channel and records every outcome as soon as its attempt returns (not when the batch's last one
     * does, so a crash repeats only the attempts in flight): sent (with the channel's id), a retry scheduled with
     * exponential back-off, deferred (the channel's throughput is used up), or dead (permanent failure or attempts
     * exhausted). Returns once every outcome is recorded.
     *
     * @param messageRefs encoded {@link Ref}s
     * @return the messages deferred because their channel's throughput is used up, to announce again after their
     *         delay, through {@link #turnCame} (the recovery sweep would find them too, but only once a second and a
     *         batch at a time)
     */
    List<Deferred> deliver(List<String> messageRefs);

    /**
     * A deferred message's delay is over: it is announced again, and no longer a duplicate of one waiting.
     *
     * @return {@code messageRef}
     */
    String turnCame(String messageRef);

    /**
     * A message left unclaimed, without an attempt, due again in {@code delayMillis}.
     *
     * @param messageRef an encoded {@link Ref}
     */
    record Deferred(String messageRef, long delayMillis) {
    }

    /** Encoded refs of messages due for (another) attempt that no node is working on. */
    List<String> dueMessages(int limit);
}
