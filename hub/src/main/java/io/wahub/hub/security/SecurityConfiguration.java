package io.wahub.hub.security;

import io.wahub.hub.apikey.ApiKeyAuthenticator;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.lang.NonNull;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what.
 *
 * <ul>
 *   <li>Open: webhooks (connectors verify signatures), health probes, the panel's static files, the API docs,
 *       sign-in and invitation acceptance.</li>
 *   <li>Everything else needs a caller: an API key ({@code Authorization: Bearer whk_live_…}, stateless, no CSRF)
 *       or a panel session (cookie {@code JSESSIONID}, kept in PostgreSQL by Spring Session JDBC so that every
 *       node honours it; unsafe methods must echo the {@code XSRF-TOKEN} cookie in the {@code X-XSRF-TOKEN}
 *       header; {@link PanelSessions}).</li>
 *   <li>Which tenant and scope: {@link TenantAccessInterceptor}; operator-only actions: {@link Actors}.</li>
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

    /**
     * Webhooks carry no session, cookie or API key: connectors verify each call's signature. Their own minimal
     * chain keeps the hot path free of session, CSRF and context-saving filters.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.requireExplicitSave(true))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain filterChain(HttpSecurity http, ApiKeyAuthenticator authenticator,
                                    SecurityContextRepository contexts, CsrfTokenRepository csrfTokens)
            throws Exception {
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webhooks/**", "/actuator/health/**", "/", "/index.html", "/assets/**",
                                "/favicon.ico", "/favicon.svg", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/session", "/api/v1/invitations/accept",
                                "/api/v1/invitations/preview")
                        .permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers("/webhooks/**")
                        .ignoringRequestMatchers(request -> "POST".equals(request.getMethod())
                                && ("/api/v1/session".equals(request.getRequestURI())
                                || "/api/v1/invitations/accept".equals(request.getRequestURI())
                                || "/api/v1/invitations/preview".equals(request.getRequestURI())))
                        .ignoringRequestMatchers(ApiKeyAuthenticationFilter::hasApiKey)
                        // Without a session nothing authenticates by cookie, so there is nothing to forge: such
                        // calls get a plain 401 rather than a CSRF 403.
                        .ignoringRequestMatchers(request -> request.getSession(false) == null))
                .securityContext(context -> context.securityContextRepository(contexts))
                // Sessions are made by a sign-in only (PanelSessions saves the context itself). No session
                // management filter: it would save every request's authentication, an API key's too, into a new
                // session row (two inserts and a cookie per key call).
                .sessionManagement(session -> session.requireExplicitAuthenticationStrategy(true))
                .addFilterBefore(new ApiKeyAuthenticationFilter(authenticator),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> FilterProblems.write(response,
                                new ProblemException(401, "unauthenticated", "Not signed in",
                                        "Sign in or send an API key as 'Authorization: Bearer whk_live_…'.")))
                        .accessDeniedHandler((request, response, e) -> FilterProblems.write(response,
                                new ProblemException(403, "csrf-or-access-denied", "Forbidden",
                                        "Access denied: " + e.getMessage() + ". Panel requests that change data "
                                                + "must send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN.",
                                        Map.of()))))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * The XSRF-TOKEN cookie (readable by the panel's script, SameSite=Strict). It is {@code Secure} when the request
     * is https (as a trusted proxy's {@code X-Forwarded-Proto} may say), and always when secure cookies are forced
     * ({@code WAHUB_SECURE_COOKIES=true}).
     */
    @Bean
    CsrfTokenRepository csrfTokenRepository(
            @Value("${server.servlet.session.cookie.secure:}") String forceSecure) {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        boolean secure = Boolean.parseBoolean(forceSecure);
        csrfTokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Strict").path("/");
            if (secure) {
                cookie.secure(true);
            }
        });
        return csrfTokens;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * Argon2id for new passwords; bcrypt hashes (and other Spring-supported ids) still verify. At most
     * {@code wahub.sign-in.concurrent-hashes} hashes run at once: see {@link BoundedPasswordEncoder}.
     */
    @Bean
    BoundedPasswordEncoder passwordEncoder(SignInProperties signIn) {
        String id = "argon2@SpringSecurity_v5_8";
        return new BoundedPasswordEncoder(new DelegatingPasswordEncoder(id, Map.of(id,
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder())),
                signIn.concurrentHashes(), signIn.hashWait());
    }

    /** Sends the XSRF-TOKEN cookie on panel (non-API-key) responses, so the SPA always has a token to echo. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                                        @NonNull FilterChain chain) throws ServletException, IOException {
            if (!ApiKeyAuthenticationFilter.hasApiKey(request) && !request.getRequestURI().startsWith("/webhooks/")) {
                CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
                if (token != null) {
                    token.getToken();
                }
            }
            chain.doFilter(request, response);
        }
    }
}
