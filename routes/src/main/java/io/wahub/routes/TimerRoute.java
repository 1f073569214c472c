package io.wahub.routes;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Features' durable timers: on every processing node, every {@code wahub.timers.period}, the timers that are due
 * become inbox events (see {@link DueTimers}) and are announced to dispatch like a webhook's events, so a due timer
 * reaches its feature through the same path as an event: its transaction, retries and dead state.
 */
@Component
public class TimerRoute extends RouteBuilder {

    static final String ID = "move-due-feature-timers-into-the-inbox";

    private final DueTimers timers;

    public TimerRoute(DueTimers timers) {
        this.timers = timers;
    }

    @Override
    public void configure() {
        from(Endpoints.TIMER_TICK)
                .routeId(ID)
                .autoStartup("{{wahub.dispatch.enabled}}")
                .routeConfigurationId(Endpoints.BACKGROUND_RETRIES)
                // a lambda, not a bean call: four ticks a second on every node, most of them finding nothing due
                .setBody(exchange -> timers.moveDue())
                .split(body())
                    .process(Announcements.REFERENCE_ONLY)
                    .setExchangePattern(ExchangePattern.InOnly)
                    .to(Endpoints.EVENTS_TO)
                .end();
    }
}
