package io.wahub.hub.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link WahubPrincipal}; the operator also holds {@code ROLE_OPERATOR}. */
public class WahubAuthentication extends AbstractAuthenticationToken {

    private final WahubPrincipal principal;

    public WahubAuthentication(WahubPrincipal principal) {
        super(principal.operator() ? List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")) : List.of());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public WahubPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.name();
    }
}
