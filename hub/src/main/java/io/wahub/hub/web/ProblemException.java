package io.wahub.hub.web;

import io.wahub.sdk.api.ApiProblem;
import java.util.Map;

/**
 * The hub's way to build an {@link ApiProblem} (the platform's one problem type) with further members: field errors
 * as an {@code errors} member, {@code retryAfterSeconds}, or anything else the answer carries. It adds nothing else;
 * everything that handles or writes problems takes {@link ApiProblem}.
 */
public class ProblemException extends ApiProblem {

    public ProblemException(int status, String type, String title, String detail) {
        super(status, type, title, detail);
    }

    /** @param members extra members of the problem object, for example {@code errors} keyed by field */
    public ProblemException(int status, String type, String title, String detail, Map<String, ?> members) {
        super(status, type, title, detail, Map.of(), members);
    }
}
