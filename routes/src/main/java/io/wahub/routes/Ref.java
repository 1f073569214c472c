package io.wahub.routes;

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

    @Override
    public String toString() {
        return encode();
    }
}
