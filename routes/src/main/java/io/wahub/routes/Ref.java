package io.wahub.routes;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A tenant-scoped reference to a stored row (an inbox event or an outbound message), as carried on the bus.
 * Encoded as {@code tenant/uuid} so it travels as plain text over SEDA or Kafka alike.
 */
public record Ref(String tenantId, UUID id) {

    public String encode() {
        return tenantId + "/" + id;
    }

    public static Ref decode(String text) {
        int slash = text.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a ref: " + text);
        }
        return new Ref(text.substring(0, slash), UUID.fromString(text.substring(slash + 1)));
    }

    /**
     * One announcement of several encoded refs (a webhook's events), separated by spaces, so that they reach dispatch
     * together, in one batch and in order; none when there are none.
     */
    public static List<String> oneAnnouncement(List<String> encoded) {
        return encoded.isEmpty() ? List.of() : List.of(String.join(" ", encoded));
    }

    /** The refs of an announcement: one ref, or several as made by {@link #oneAnnouncement}. */
    public static List<Ref> decodeAll(String text) {
        return Arrays.stream(text.trim().split(" +")).map(Ref::decode).toList();
    }

    @Override
    public String toString() {
        return encode();
    }
}
