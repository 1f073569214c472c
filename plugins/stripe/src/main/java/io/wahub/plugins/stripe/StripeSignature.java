package io.wahub.plugins.stripe;

import io.wahub.sdk.Hmac;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's webhook signature scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, where each
 * {@code v1} is the hex HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with an endpoint secret. While a secret is
 * being rolled Stripe sends one {@code v1} per active secret; any match is enough. {@code v0} (test-mode legacy)
 * and unknown schemes are ignored, as Stripe's own libraries do.
 */
final class StripeSignature {

    static final String HEADER = "Stripe-Signature";
    /** Stripe's libraries' default tolerance: older (or newer) signatures are treated as replays. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StripeSignature() {
    }

    static void verify(String header, byte[] body, String secret, Instant now) throws WebhookRejection {
        if (header == null || header.isBlank()) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, HEADER + " header is missing");
        }
        long timestamp = -1;
        List<String> signatures = new ArrayList<>(2);
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new WebhookRejection(Reason.BAD_SIGNATURE, HEADER + " has an unreadable timestamp t=" + value);
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp < 0) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, HEADER + " has no timestamp t=");
        }
        if (signatures.isEmpty()) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE, HEADER + " has no v1 signature");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signedPayload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signedPayload, 0, prefix.length);
        System.arraycopy(body, 0, signedPayload, prefix.length, body.length);
        String expected = Hmac.hex(Hmac.sha256(secret, signedPayload));
        boolean matched = false;
        for (String signature : signatures) {
            matched |= Hmac.matches(expected, signature);
        }
        if (!matched) {
            throw new WebhookRejection(Reason.BAD_SIGNATURE,
                    HEADER + " has no v1 signature matching the body signed with the webhookSecret setting");
        }
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            throw new WebhookRejection(Reason.REPLAYED, HEADER + " was signed at t=" + timestamp + ", " + age
                    + " s from now; more than " + TOLERANCE.toSeconds() + " s is refused as a replay");
        }
    }
}
