package io.wahub.routes;

import java.util.Map;

/**
 * An error to answer as RFC 7807 problem+json. {@code type} is a stable slug; the full type URI is
 * {@link #TYPE_BASE} + slug.
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://wahub.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, ?> extensions;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(int status, String type, String title, String detail, Map<String, ?> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String typeUri() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem object, for example {@code errors} keyed by field. */
    public Map<String, ?> extensions() {
        return extensions;
    }
}
