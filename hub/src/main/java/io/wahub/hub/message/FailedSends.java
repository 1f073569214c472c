package io.wahub.hub.message;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.PhoneNumbers;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a channel's report that a send failed ({@code message.status} {@code failed}), for the hub's handlers that
 * learn from the error code (consent, undeliverable numbers, the marketing back-off). The recipient comes from the
 * report when it names one, else from the outbox message with that channel message id.
 */
@Component
public class FailedSends {

    /**
     * A failed send.
     *
     * @param recipient the number it went to, E.164
     * @param errorCode the channel's error code, e.g. {@code 131026}
     * @param error     the channel's error text, or null
     */
    public record FailedSend(String recipient, String errorCode, String error) {
    }

    private final JdbcClient jdbc;

    FailedSends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The failed send the event reports with one of {@code codes}; empty for anything else, or no known recipient. */
    public Optional<FailedSend> of(CanonicalEvent event, Set<String> codes) {
        var payload = event.payload();
        String code = payload.path("errorCode").asText("");
        if (!EventTypes.MESSAGE_STATUS.equals(event.type()) || !"failed".equals(payload.path("status").asText())
                || !codes.contains(code)) {
            return Optional.empty();
        }
        String recipient = payload.path("recipient").asText("");
        Optional<String> known = PhoneNumbers.isE164(recipient) ? Optional.of(recipient)
                : recipientOf(event.tenantId(), payload.path("providerMessageId").asText(""));
        String error = payload.hasNonNull("error") ? payload.get("error").asText() : null;
        return known.map(to -> new FailedSend(to, code, error));
    }

    /** The number the tenant's outbox message with this channel message id went to. */
    private Optional<String> recipientOf(String tenantId, String providerMessageId) {
        return jdbc.sql("""
                        SELECT recipient FROM message
                        WHERE tenant_id = :tenant AND provider_message_id = :provider
                        LIMIT 1
                        """)
                .param("tenant", tenantId).param("provider", providerMessageId).query(String.class).optional();
    }
}
