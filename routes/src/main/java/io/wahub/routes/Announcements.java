package io.wahub.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;

/**
 * Announcements on a bus carry a reference and nothing else. An announcement split off a webhook request would
 * otherwise carry the request's headers and its HTTP message, which holds on to the request: with work queued on the
 * in-process bus (a burst the dispatchers are still working through) every queued reference would keep a whole
 * request alive, and on Kafka the headers would travel with every record.
 */
final class Announcements {

    /** Replaces the exchange's message with one holding only its body, and drops the exchange's properties. */
    static final Processor REFERENCE_ONLY = Announcements::referenceOnly;

    private Announcements() {
    }

    private static void referenceOnly(Exchange exchange) {
        DefaultMessage message = new DefaultMessage(exchange);
        message.setBody(exchange.getMessage().getBody());
        exchange.setIn(message);
        exchange.getProperties().clear();
    }
}
