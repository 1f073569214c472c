package io.wahub.hub.user;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.PanelSessions;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The panel's sign-in: a server-side session (cookie {@code JSESSIONID}, HttpOnly, kept in PostgreSQL) plus the
 * {@code XSRF-TOKEN} cookie whose value unsafe requests echo in {@code X-XSRF-TOKEN}; both are new after sign-in.
 * Passwords are checked by {@link LoginService} (limits, lockout, bounded hashing, audit).
 */
@RestController
@RequestMapping("/api/v1/session")
public class SessionController {

    public record Credentials(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {
    }

    public record PasswordChange(@NotBlank @Size(max = 1024) String currentPassword,
                                 @NotBlank @Size(min = 12, max = 200, message = "12-200 characters")
                                 String newPassword) {
    }

    /**
     * The caller. For a person: {@code user} and their {@code tenants} with roles. For an API key: {@code key}
     * with its tenant and scopes.
     */
    public record SessionView(UserView user, KeyView key, boolean operator,
                              List<MemberRepository.Membership> tenants) {
    }

    public record UserView(UUID id, String email) {
    }

    public record KeyView(UUID id, String name, String tenant, Set<Scope> scopes) {
    }

    private final LoginService logins;
    private final UserRepository users;
    private final MemberRepository members;
    private final PanelSessions sessions;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    public SessionController(LoginService logins, UserRepository users, MemberRepository members,
                             PanelSessions sessions, PasswordEncoder encoder, AuditLog audit) {
        this.logins = logins;
        this.users = users;
        this.members = members;
        this.sessions = sessions;
        this.encoder = encoder;
        this.audit = audit;
    }

    @PostMapping
    public SessionView signIn(@Valid @RequestBody Credentials credentials, HttpServletRequest request,
                              HttpServletResponse response) {
        User user = logins.login(credentials.email(), credentials.password(), request.getRemoteAddr(),
                LoginService.Via.SESSION);
        WahubPrincipal principal = WahubPrincipal.user(user.id(), user.email(), user.operator());
        sessions.start(principal, request, response);
        return view(principal);
    }

    @GetMapping
    public SessionView current() {
        return view(Actors.require());
    }

    @DeleteMapping
    public ResponseEntity<Void> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    /** Changes the caller's password and ends their other sessions (this one stays signed in). */
    @PutMapping("/password")
    public ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change,
                                               HttpServletRequest request) {
        WahubPrincipal principal = Actors.require();
        if (principal.userId() == null) {
            throw new ProblemException(400, "not-a-person", "Not a person", "API keys have no password.");
        }
        User user = logins.login(principal.name(), change.currentPassword(), request.getRemoteAddr(),
                LoginService.Via.PASSWORD_CHANGE);
        users.changePassword(user.id(), encoder.encode(change.newPassword()));
        int ended = sessions.endOtherSessions(principal.name(), request);
        audit.record(null, "user.password-changed", user.email(), Map.of("otherSessionsEnded", ended));
        return ResponseEntity.noContent().build();
    }

    private SessionView view(WahubPrincipal principal) {
        if (principal.isKey()) {
            return new SessionView(null, new KeyView(principal.keyId(), principal.name(), principal.keyTenant(),
                    principal.scopes()), principal.operator(), List.of());
        }
        return new SessionView(new UserView(principal.userId(), principal.name()), null, principal.operator(),
                members.memberships(principal.userId()));
    }
}
