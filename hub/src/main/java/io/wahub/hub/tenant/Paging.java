package io.wahub.hub.tenant;

import io.wahub.hub.web.ProblemException;
import java.util.Map;

/** The bounds of a paged tenant list: {@code limit} 1–{@value #MAX_LIMIT}, {@code offset} from 0. */
final class Paging {

    static final int MAX_LIMIT = 200;
    /** The response header carrying how many items match in all pages. */
    static final String TOTAL = "X-Total-Count";

    private Paging() {
    }

    static void check(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new ProblemException(400, "invalid-request", "Invalid request",
                    "limit must be 1-" + MAX_LIMIT + " and offset 0 or more, not " + limit + " and " + offset + ".",
                    Map.of("errors", Map.of(limit < 1 || limit > MAX_LIMIT ? "limit" : "offset",
                            limit < 1 || limit > MAX_LIMIT ? "1-" + MAX_LIMIT : "0 or more")));
        }
    }
}
