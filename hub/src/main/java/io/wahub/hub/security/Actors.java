package io.wahub.hub.security;

import io.wahub.hub.web.ProblemException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The current caller, from Spring Security's context. */
public final class Actors {

    private Actors() {
    }

    public static Optional<WahubPrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof WahubPrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }

    /** The caller, or 401 when anonymous (only reachable on endpoints that permit anonymous calls). */
    public static WahubPrincipal require() {
        return current().orElseThrow(() -> new ProblemException(401, "unauthenticated", "Not signed in",
                "Sign in or send an API key as 'Authorization: Bearer whk_…'."));
    }

    /** 403 unless the caller is the platform operator. */
    public static WahubPrincipal requireOperator() {
        WahubPrincipal principal = require();
        if (!principal.operator()) {
            throw new ProblemException(403, "operator-only", "Operator only",
                    "Only the platform operator may do this.");
        }
        return principal;
    }

    /** For the audit log: the caller's name, or {@code system}. */
    public static String name() {
        return current().map(WahubPrincipal::name).orElse("system");
    }
}
