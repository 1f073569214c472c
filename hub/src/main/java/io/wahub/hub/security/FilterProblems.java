package io.wahub.hub.security;

import io.wahub.routes.ProblemJson;
import io.wahub.sdk.api.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Problems the security filters answer, which run before Spring MVC's advice: written by the one writer
 * ({@link ProblemJson}), with {@code WWW-Authenticate: Bearer} on a 401.
 */
final class FilterProblems {

    private FilterProblems() {
    }

    static void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ProblemJson.write(response, problem);
    }
}
