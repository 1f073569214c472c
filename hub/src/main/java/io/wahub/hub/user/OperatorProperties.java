package io.wahub.hub.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform operator created on first start ({@code wahub.operator.*}).
 *
 * @param email    the operator's sign-in email
 * @param password initial password; when unset, a random one-time password is generated and printed once
 * @param apiKey   optional bootstrap API key ({@code whk_live_…}, at least 32 random characters after the marker)
 *                 acting as the operator, for automation; stored only as its SHA-256
 */
@ConfigurationProperties("wahub.operator")
public record OperatorProperties(@DefaultValue("operator@wahub.local") String email, String password,
                                 String apiKey) {
}
