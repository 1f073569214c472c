package io.wahub.routes;

/**
 * Endpoint URIs of Wahub's flows. Bus endpoints are placeholders so one setting switches the in-process SEDA bus
 * to Kafka for scale-out; the defaults live in the hub's {@code application.properties}.
 */
public final class Endpoints {

    /**
     * Where vendors post webhooks. The routes read the raw bytes {@link RawWebhookBody} took off the request; Camel
     * finds the body already read (streaming, so it would never decode one into text either).
     */
    public static final String WEBHOOK_INGRESS =
            "platform-http:/webhooks/{tenant}/{connector}?httpMethodRestrict=POST&useStreaming=true";
    /** Where vendors verify a tenant's webhook URL before using it (GET handshake). */
    public static final String WEBHOOK_HANDSHAKE = "platform-http:/webhooks/{tenant}/{connector}?httpMethodRestrict=GET";
    /** Where a vendor app whose single callback URL serves many tenants posts webhooks. */
    public static final String APP_WEBHOOK_INGRESS =
            "platform-http:/webhooks/apps/{connector}/{app}?httpMethodRestrict=POST&useStreaming=true";
    /** Where such an app verifies its callback URL (GET handshake). */
    public static final String APP_WEBHOOK_HANDSHAKE =
            "platform-http:/webhooks/apps/{connector}/{app}?httpMethodRestrict=GET";

    /** Announces a webhook's stored events to dispatch, then acknowledges it (both ingress URLs end here). */
    public static final String ANNOUNCE_AND_ACKNOWLEDGE = "direct:announce-stored-events-and-acknowledge";

    /** Producer side of the stored-events bus. */
    public static final String EVENTS_TO = "{{wahub.bus.events-to}}";
    /** Consumer side of the stored-events bus. */
    public static final String EVENTS_FROM = "{{wahub.bus.events-from}}";
    /** Producer side of the queued-messages bus. */
    public static final String MESSAGES_TO = "{{wahub.bus.messages-to}}";
    /** Consumer side of the queued-messages bus. */
    public static final String MESSAGES_FROM = "{{wahub.bus.messages-from}}";

    /** Announces the messages a dispatch batch queued (a list of refs) on the queued-messages bus. */
    public static final String QUEUED_MESSAGES = "direct:announce-queued-messages";

    /** Sweep for work left over by crashes, full queues and scheduled retries. */
    public static final String RECOVERY_TIMER = "timer:recover-overdue-work?period={{wahub.recovery.period-ms}}"
            + "&delay={{wahub.recovery.delay-ms}}";

    /** Tick of the loop that moves features' due timers into the inbox ({@code wahub.timers.period}, 250 ms). */
    public static final String TIMER_TICK = "timer:move-due-feature-timers?period={{wahub.timers.period:250ms}}"
            + "&delay={{wahub.timers.period:250ms}}";

    /** Tick of the catch-up polls; each (tenant, poller) is polled at its own interval within it. */
    public static final String CATCH_UP_TIMER = "timer:poll-connectors?period={{wahub.catch-up.period-ms:10000}}"
            + "&delay={{wahub.catch-up.delay-ms:10000}}";

    /** Shared error handling for HTTP-facing routes: answer problem+json. */
    public static final String HTTP_PROBLEMS = "http-problem-responses";
    /** Shared error handling for background routes: bounded redelivery, then leave the row for recovery. */
    public static final String BACKGROUND_RETRIES = "background-retries";

    private Endpoints() {
    }
}
