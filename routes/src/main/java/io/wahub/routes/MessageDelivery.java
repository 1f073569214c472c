package io.wahub.routes;

import java.util.List;

/** Port the outbound route calls: deliver a queued message through its tenant's channel. */
public interface MessageDelivery {

    /**
     * Claims the message, makes one attempt on its channel and records the outcome: sent (with the channel's id),
     * a retry scheduled with exponential back-off, or dead (permanent failure or attempts exhausted).
     *
     * @param messageRef an encoded {@link Ref}
     */
    void deliver(String messageRef);

    /** Encoded refs of messages due for (another) attempt that no node is working on. */
    List<String> dueMessages(int limit);
}
