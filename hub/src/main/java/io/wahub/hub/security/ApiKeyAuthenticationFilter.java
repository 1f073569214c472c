package io.wahub.hub.security;

import io.wahub.hub.apikey.ApiKeyAuthenticator;
import io.wahub.hub.apikey.ApiKeySecrets;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.lang.NonNull;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer whk_…} requests, statelessly (no session, no CSRF): a refused key
 * answers problem+json at once (401, or 429 with {@code Retry-After}). Requests without a key pass through to the
 * session login. Webhooks are never looked at: connectors verify their signatures.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;

    public ApiKeyAuthenticationFilter(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Whether the request carries an API key (such requests are exempt from CSRF). */
    static boolean hasApiKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith(BEARER + ApiKeySecrets.MARKER.substring(0, 4));
    }

    @Override
    protected boolean shouldNotFilter(@NonNull HttpServletRequest request) {
        return request.getRequestURI().startsWith("/webhooks/") || !hasApiKey(request);
    }

    @Override
    protected void doFilterInternal(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                                    @NonNull FilterChain chain) throws ServletException, IOException {
        String secret = request.getHeader("Authorization").substring(BEARER.length()).trim();
        WahubPrincipal principal;
        try {
            principal = authenticator.authenticate(secret);
        } catch (ProblemException refused) {
            FilterProblems.write(response, refused);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WahubAuthentication(principal));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
