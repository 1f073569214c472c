package io.wahub.routes;

import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The timer route on its own: its tick replaced by a direct endpoint, the events bus by a mock (advised by id). */
class TimerRouteTest extends CamelTestSupport {

    private static final List<String> MOVED = List.of("t1:00000000-0000-0000-0000-000000000001",
            "t2:00000000-0000-0000-0000-000000000002");

    private volatile List<String> due = MOVED;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.bus.events-to", "mock:events");
        properties.put("wahub.dispatch.enabled", "true");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutesConfigurations(new ErrorHandlingConfiguration());
        context.addRoutes(new TimerRoute(() -> due));
        AdviceWith.adviceWith(context, TimerRoute.ID, a -> a.replaceFromWith("direct:tick"));
        context.start();
        return context;
    }

    @Test
    void eachTick_announcesTheEventsOfTheTimersItMoved_oneReferencePerMessage() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedBodiesReceived(MOVED.toArray());

        template.sendBody("direct:tick", null);

        events.assertIsSatisfied();
        events.getExchanges().forEach(exchange -> org.assertj.core.api.Assertions.assertThat(
                exchange.getMessage().getHeaders()).isEmpty());
    }

    @Test
    void aTickWithNothingDue_announcesNothing() throws Exception {
        due = List.of();
        getMockEndpoint("mock:events").expectedMessageCount(0);

        template.sendBody("direct:tick", null);

        getMockEndpoint("mock:events").assertIsSatisfied();
    }
}
