package io.wahub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The dispatch route on its own, the port replaced by a fake: the messages a batch queued, and those of events a
 * slow tenant finished in the background after their batch, reach the delivery bus the same way.
 */
class DispatchRouteTest extends CamelTestSupport {

    private final FakeDispatch dispatch = new FakeDispatch();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.bus.events-from", "direct:events");
        properties.put("wahub.bus.messages-to", "mock:messages");
        properties.put("wahub.dispatch.enabled", "true");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutesConfigurations(new ErrorHandlingConfiguration());
        context.addRoutes(new DispatchRoute(dispatch));
        context.start();
        return context;
    }

    @Test
    void messagesABatchQueued_areAnnouncedToDelivery_asReferencesOnly() throws Exception {
        String event = "acme/" + UUID.randomUUID();
        dispatch.queued = List.of("acme/" + UUID.randomUUID(), "acme/" + UUID.randomUUID());
        MockEndpoint bus = getMockEndpoint("mock:messages");
        bus.expectedBodiesReceived(dispatch.queued);
        bus.allMessages().exchangePattern().isEqualTo(ExchangePattern.InOnly);

        template.sendBodyAndHeader("direct:events", event, "X-Request-Header", "not for the bus");

        bus.assertIsSatisfied();
        assertThat(dispatch.batches).containsExactly(List.of(event));
        assertOnlyReferences(bus);
    }

    @Test
    void messagesOfEventsFinishedInTheBackground_areAnnouncedToDelivery() throws Exception {
        List<String> late = List.of("slow/" + UUID.randomUUID(), "slow/" + UUID.randomUUID());
        MockEndpoint bus = getMockEndpoint("mock:messages");
        bus.expectedBodiesReceived(late);
        bus.allMessages().exchangePattern().isEqualTo(ExchangePattern.InOnly);

        dispatch.announcer.accept(late);

        bus.assertIsSatisfied();
        assertThat(dispatch.batches).isEmpty();
        assertOnlyReferences(bus);
    }

    private static void assertOnlyReferences(MockEndpoint bus) {
        for (Exchange announcement : bus.getReceivedExchanges()) {
            assertThat(announcement.getMessage().getHeaders()).as("headers of an announcement").isEmpty();
            assertThat(announcement.getProperties()).as("properties of an announcement").isEmpty();
        }
    }

    private static final class FakeDispatch implements EventDispatch {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        volatile List<String> queued = List.of();
        volatile Consumer<List<String>> announcer;

        @Override
        public List<String> dispatch(List<String> eventRefs) {
            batches.add(List.copyOf(eventRefs));
            return queued;
        }

        @Override
        public void announceLateMessagesWith(Consumer<List<String>> announcer) {
            this.announcer = announcer;
        }

        @Override
        public List<String> overdueEvents(int limit) {
            return List.of();
        }
    }
}
