package io.wahub.plugins.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of orders ends: the last order's creation time and id, opaque to clients (base64url of
 * {@code <instant>|<uuid>}). Keyset paging: pages stay consistent while new orders arrive.
 */
record OrderCursor(Instant createdAt, UUID id) {

    static OrderCursor after(Order order) {
        return new OrderCursor(order.createdAt(), order.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; empty when it is not one this API gave out. */
    static Optional<OrderCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            return parts.length == 2 ? Optional.of(new OrderCursor(Instant.parse(parts[0]), UUID.fromString(parts[1])))
                    : Optional.empty();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
