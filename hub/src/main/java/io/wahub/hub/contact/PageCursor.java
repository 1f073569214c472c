package io.wahub.hub.contact;

import io.wahub.hub.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Where a page of a newest-first list ended: the last row's time and id, opaque to callers (base64url). Keyset
 * paging, so a page is as fast deep into the list as at its start, and rows added meanwhile do not shift pages.
 */
record PageCursor(Instant at, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a caller passed back, or null for none; a 422 field error for one this hub did not make. */
    static PageCursor decode(String cursor) {
        return decode(cursor, false);
    }

    /** As {@link #decode(String)}, for lists whose ids are UUIDs. */
    static PageCursor decode(String cursor, boolean uuid) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            if (uuid) {
                java.util.UUID.fromString(parts[1]);
            }
            return new PageCursor(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw new ProblemException(422, "invalid-request", "Invalid request", "Invalid request: cursor",
                    Map.of("errors", Map.of("cursor", "not a cursor from a previous page")));
        }
    }
}
