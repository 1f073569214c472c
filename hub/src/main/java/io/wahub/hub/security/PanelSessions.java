package io.wahub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Panel sessions: Spring Session JDBC keeps them in PostgreSQL ({@code SPRING_SESSION}), indexed by the person's
 * email, so any hub node honours a session and a person's sessions can be found and ended together.
 */
@Component
public class PanelSessions {

    private final SecurityContextRepository contexts;
    private final CsrfTokenRepository csrfTokens;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    public PanelSessions(SecurityContextRepository contexts, CsrfTokenRepository csrfTokens,
                         FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.sessions = sessions;
    }

    /**
     * Signs {@code principal} in: a fresh session (a session id known before sign-in is worthless after it: no
     * fixation) holding the security context, and a new XSRF token (a token seen before sign-in is worthless too).
     */
    public void start(WahubPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WahubAuthentication(principal));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        CsrfToken fresh = csrfTokens.generateToken(request);
        csrfTokens.saveToken(fresh, request, response);
        request.setAttribute(CsrfToken.class.getName(), fresh);
        request.setAttribute(fresh.getParameterName(), fresh);
    }

    /**
     * Ends every session of the person {@code principalName} (their email) except the one of {@code request}.
     *
     * @return how many sessions were ended
     */
    public int endOtherSessions(String principalName, HttpServletRequest request) {
        HttpSession current = request.getSession(false);
        String keep = current == null ? null : current.getId();
        Set<String> ids = sessions.findByPrincipalName(principalName).keySet();
        int ended = 0;
        for (String id : ids) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }
}
