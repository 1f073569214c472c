package io.wahub.sdk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An error answer of an {@link ApiHandler}, which the hub writes as RFC 7807 problem+json: {@code type}
 * {@code https://wahub.dev/problems/<type>}, {@code title}, {@code status}, {@code detail}, and {@code errors} keyed by
 * field when there are field errors (so a form can show them next to its inputs), then any further members.
 *
 * <p>It is the one problem type of the whole platform: the hub's own API errors, the webhook routes' refusals and a
 * feature's answers are all an {@code ApiProblem}, written by one writer.
 */
public class ApiProblem extends RuntimeException {

    /** The start of every problem's type URI; the rest is the {@link #type()} slug. */
    public static final String TYPE_BASE = "https://wahub.dev/problems/";

    /** The member whose value (seconds) is also answered as the {@code Retry-After} header. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> fieldErrors;
    private final Map<String, Object> members;

    /**
     * @param status      4xx (or 5xx for a dependency the feature could not reach)
     * @param type        stable kebab-case slug, for example {@code max-attempts-reached}
     * @param title       short, the same for every problem of this type
     * @param detail      this occurrence, in a sentence
     * @param fieldErrors message per request field; empty when none
     */
    public ApiProblem(int status, String type, String title, String detail, Map<String, String> fieldErrors) {
        this(status, type, title, detail, fieldErrors, Map.of());
    }

    /**
     * A problem with further members beyond the standard ones, for example {@link #RETRY_AFTER_SECONDS}.
     *
     * @param members extra members of the problem object, in the order given; none may be named {@code type},
     *                {@code title}, {@code status} or {@code detail}, nor {@code errors} when there are field errors
     */
    public ApiProblem(int status, String type, String title, String detail, Map<String, String> fieldErrors,
                      Map<String, ?> members) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx: " + status);
        }
        if (!SLUG.matcher(Objects.requireNonNull(type, "type")).matches()) {
            throw new IllegalArgumentException("type must be a kebab-case slug: " + type);
        }
        this.status = status;
        this.type = type;
        this.title = Objects.requireNonNull(title, "title");
        this.fieldErrors = Map.copyOf(fieldErrors);
        Map<String, Object> all = new LinkedHashMap<>();
        if (!fieldErrors.isEmpty()) {
            all.put("errors", new TreeMap<>(fieldErrors));
        }
        members.forEach((name, value) -> {
            if (Set.of("type", "title", "status", "detail").contains(name) || all.containsKey(name)) {
                throw new IllegalArgumentException("a problem member may not be named " + name);
            }
            all.put(name, Objects.requireNonNull(value, name));
        });
        this.members = Collections.unmodifiableMap(all);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    /** 422 {@code invalid-request} with these field errors; the detail names the fields. */
    public static ApiProblem invalid(Map<String, String> fieldErrors) {
        return new ApiProblem(422, "invalid-request", "Invalid request",
                "Invalid request: " + String.join(", ", new TreeMap<>(fieldErrors).keySet()), fieldErrors);
    }

    /** 404 {@code not-found}: {@code what} (for example {@code "Verification v-1"}) does not exist. */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not-found", "Not found", what + " was not found.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** The full type URI: {@link #TYPE_BASE} followed by the slug. */
    public String typeUri() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /**
     * The members the problem object has besides {@code type}, {@code title}, {@code status} and {@code detail}:
     * {@code errors} (field errors, sorted by field) when there are any, then the further members in their order.
     */
    public Map<String, Object> members() {
        return members;
    }
}
