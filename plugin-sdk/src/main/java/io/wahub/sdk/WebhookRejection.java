package io.wahub.sdk;

/**
 * Thrown by a {@link WebhookConnector} to refuse a webhook. The hub answers with the reason's HTTP status as
 * RFC 7807 problem+json and stores nothing, with one exception: webhook URLs are anonymous, so the refusals that come
 * before the caller has proved its origin ({@link Reason#BAD_SIGNATURE}, {@link Reason#NOT_CONFIGURED}, and for a
 * handshake also {@link Reason#FOREIGN_SOURCE}) are all answered like a bad signature (a handshake: 403), with the
 * same text, as are unknown tenants and connectors; the message is only logged. Check the configuration and the
 * signature before anything that depends on the body's content.
 */
public class WebhookRejection extends Exception {

    /** Why a webhook was refused; each maps to one HTTP status and one stable problem type. */
    public enum Reason {
        /** Signature header missing or not matching the configured secret. */
        BAD_SIGNATURE(401, "bad-signature"),
        /** Signed too long ago (or in the future): a possible replay. */
        REPLAYED(401, "replayed"),
        /** Signed correctly but from a shop/store/account other than the tenant's. */
        FOREIGN_SOURCE(403, "foreign-source"),
        /** Not parseable as what the vendor sends. */
        MALFORMED(400, "malformed-payload"),
        /** The connector has no credentials configured for this tenant. */
        NOT_CONFIGURED(409, "connector-not-configured"),
        /** A well-formed call the connector does not accept (unknown topic, wrong content type). */
        UNSUPPORTED(422, "unsupported-webhook");

        private final int status;
        private final String type;

        Reason(int status, String type) {
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        /** Stable slug used in the problem type URI. */
        public String type() {
            return type;
        }
    }

    private final Reason reason;

    public WebhookRejection(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
