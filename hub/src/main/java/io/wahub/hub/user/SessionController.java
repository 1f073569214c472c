package io.wahub.hub.user;

import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.WahubAuthentication;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.routes.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The panel's sign-in: a server-side session (cookie {@code JSESSIONID}, HttpOnly) plus the {@code XSRF-TOKEN}
 * cookie whose value unsafe requests echo in {@code X-XSRF-TOKEN}.
 */
@RestController
@RequestMapping("/api/v1/session")
public class SessionController {

    public record Credentials(@NotBlank String email, @NotBlank String password) {
    }

    public record PasswordChange(@NotBlank String currentPassword,
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
    private final SecurityContextRepository contexts;
    private final PasswordEncoder encoder;

    public SessionController(LoginService logins, UserRepository users, MemberRepository members,
                             SecurityContextRepository contexts, PasswordEncoder encoder) {
        this.logins = logins;
        this.users = users;
        this.members = members;
        this.contexts = contexts;
        this.encoder = encoder;
    }

    @PostMapping
    public SessionView signIn(@Valid @RequestBody Credentials credentials, HttpServletRequest request,
                              HttpServletResponse response) {
        User user = logins.login(credentials.email(), credentials.password());
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // no session fixation: a fresh session id after sign-in
        }
        request.getSession(true);
        WahubPrincipal principal = WahubPrincipal.user(user.id(), user.email(), user.operator());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new WahubAuthentication(principal));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
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

    @PutMapping("/password")
    public ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change) {
        WahubPrincipal principal = Actors.require();
        if (principal.userId() == null) {
            throw new ProblemException(400, "not-a-person", "Not a person", "API keys have no password.");
        }
        User user = logins.login(principal.name(), change.currentPassword());
        users.changePassword(user.id(), encoder.encode(change.newPassword()));
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
