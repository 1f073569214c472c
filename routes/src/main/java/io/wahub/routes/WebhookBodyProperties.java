package io.wahub.routes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook bodies are read ({@code wahub.webhooks.*}). Webhook URLs take anonymous calls, so both the memory their
 * bodies hold and the time a sender may take are bounded; see {@link RawWebhookBody}.
 *
 * @param maxBodyBytes        larger bodies are refused with 413 (a larger declared length before a byte is read)
 * @param inFlightBudgetBytes buffer memory that all webhook bodies being received or processed may hold together;
 *                            a request whose next bytes would take more is refused at once with 503 and Retry-After
 * @param readIdleTimeout     longest wait for the next bytes of a body that has not fully arrived; then 408
 * @param readDeadline        longest time a whole body may take to arrive, counted from the end of the request's
 *                            headers, however steadily it trickles in; then 408
 */
@ConfigurationProperties("wahub.webhooks")
public record WebhookBodyProperties(@DefaultValue("1048576") int maxBodyBytes,
                                    @DefaultValue("67108864") long inFlightBudgetBytes,
                                    @DefaultValue("10s") Duration readIdleTimeout,
                                    @DefaultValue("30s") Duration readDeadline) {

    public WebhookBodyProperties {
        if (maxBodyBytes < 1 || inFlightBudgetBytes < BodyChunks.CHUNK_BYTES) {
            throw new IllegalArgumentException("wahub.webhooks.max-body-bytes must be positive and"
                    + " wahub.webhooks.in-flight-budget-bytes at least " + BodyChunks.CHUNK_BYTES);
        }
        if (readIdleTimeout.isNegative() || readIdleTimeout.isZero() || readDeadline.isNegative()
                || readDeadline.isZero()) {
            throw new IllegalArgumentException(
                    "wahub.webhooks.read-idle-timeout and wahub.webhooks.read-deadline must be positive");
        }
    }
}
