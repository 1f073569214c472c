package io.wahub.hub.user;

import io.wahub.hub.apikey.ApiKey;
import io.wahub.hub.apikey.ApiKeyRepository;
import io.wahub.hub.apikey.ApiKeySecrets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start: creates the platform operator from {@link OperatorProperties}. There is no default password: either
 * one is configured, or a random one is printed once (change it with {@code PUT /api/v1/session/password}).
 */
@Component
public class OperatorBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final OperatorProperties properties;
    private final UserRepository users;
    private final ApiKeyRepository keys;
    private final PasswordEncoder encoder;

    public OperatorBootstrap(OperatorProperties properties, UserRepository users, ApiKeyRepository keys,
                             PasswordEncoder encoder) {
        this.properties = properties;
        this.users = users;
        this.keys = keys;
        this.encoder = encoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!users.anyOperator()) {
            String password = properties.password();
            boolean generated = password == null || password.isBlank();
            if (generated) {
                password = ApiKeySecrets.random(24);
            }
            users.create(properties.email(), encoder.encode(password), true);
            if (generated) {
                // Deliberately printed once, to the console only: the one way to reach a fresh hub.
                System.out.println("\n*** Wahub operator created: " + properties.email()
                        + "\n*** One-time password: " + password + "\n*** Change it after signing in.\n");
            } else {
                LOG.info("Created the platform operator {} with the configured password", properties.email());
            }
        }
        String apiKey = properties.apiKey();
        if (apiKey != null && !apiKey.isBlank()) {
            if (!apiKey.startsWith(ApiKeySecrets.MARKER) || apiKey.length() < ApiKeySecrets.MARKER.length() + 32) {
                throw new IllegalStateException("wahub.operator.api-key must be 'whk_live_' followed by at least "
                        + "32 random characters");
            }
            keys.replaceBootstrapKey(new ApiKey(UUID.randomUUID(), null, "bootstrap", ApiKeySecrets.prefix(apiKey),
                    Set.of(), null, null, null, null, "configuration", null, Instant.now()),
                    ApiKeySecrets.sha256(apiKey));
        }
    }
}
