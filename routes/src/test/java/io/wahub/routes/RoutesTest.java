package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wahub.sdk.InboundWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The routes on their own: ports replaced by fakes, platform-http and the bus replaced by direct/mock endpoints via
 * advice by route id.
 */
class RoutesTest extends CamelTestSupport {

    private static final String INGRESS = "webhook-ingress-verifies-stores-and-acknowledges";

    private final FakeIntake intake = new FakeIntake();
    private final FakeDelivery delivery = new FakeDelivery();
    private final EventDispatch dispatch = new EventDispatch() {
        @Override
        public List<String> dispatch(List<String> eventRefs) {
            return List.of();
        }

        @Override
        public void announceLateMessagesWith(java.util.function.Consumer<List<String>> announcer) {
        }

        @Override
        public List<String> overdueEvents(int limit) {
            return List.of();
        }
    };

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("wahub.bus.events-to", "mock:events");
        properties.put("wahub.bus.events-from", "direct:events");
        properties.put("wahub.bus.messages-to", "mock:messages");
        properties.put("wahub.bus.messages-from", "direct:messages");
        properties.put("wahub.dispatch.enabled", "true");
        properties.put("wahub.recovery.period-ms", "60000");
        properties.put("wahub.recovery.delay-ms", "60000");
        // a batch closes at three messages; the interval never closes one within a test
        properties.put("wahub.delivery.batch-size", "3");
        properties.put("wahub.delivery.batch-interval-ms", "60000");
        properties.put("wahub.delivery.concurrency", "1");
        // one webhook being received makes the ingress busy; busy, a batch thread rests as long as it worked
        properties.put("wahub.ingress.busy-requests", "1");
        properties.put("wahub.processing.busy-share", "0.5");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutesConfigurations(new ErrorHandlingConfiguration());
        context.addRoutes(new WebhookIngressRoute(intake, new WebhookRequests(Clock.systemUTC(), 1024)));
        context.addRoutes(new OutboundDeliveryRoute(delivery));
        AdviceWith.adviceWith(context, INGRESS, a -> a.replaceFromWith("direct:webhook"));
        AdviceWith.adviceWith(context, WebhookIngressRoute.APP_ID, a -> a.replaceFromWith("direct:app-webhook"));
        context.start();
        return context;
    }

    @Test
    void storedEvents_areAnnouncedWithoutWaitingAndAcknowledgedWith202() throws Exception {
        Ref first = new Ref("acme", UUID.randomUUID());
        Ref second = new Ref("acme", UUID.randomUUID());
        intake.receipt = new WebhookIntake.Receipt(202, "accepted", null, List.of(first, second));
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedBodiesReceived(first.encode() + " " + second.encode()); // one announcement: one batch, in order
        events.allMessages().exchangePattern().isEqualTo(ExchangePattern.InOnly);

        Exchange reply = postWebhook("{\"id\":1}");

        events.assertIsSatisfied();
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(reply.getMessage().getBody(String.class))
                .isEqualTo("{\"status\":\"accepted\",\"events\":[\"" + first.id() + "\",\"" + second.id() + "\"]}");
        assertThat(intake.received.getFirst().tenantId()).isEqualTo("acme");
        assertThat(intake.received.getFirst().connectorId()).isEqualTo("shopify");
        assertThat(intake.received.getFirst().header("X-Shopify-Topic")).isEqualTo("orders/create");
        for (Exchange announcement : events.getReceivedExchanges()) {
            assertThat(announcement.getMessage().getHeaders()).as("headers of an announcement").isEmpty();
            assertThat(announcement.getProperties()).as("properties of an announcement").isEmpty();
        }
    }

    @Test
    void refusedWebhook_answersProblemJsonAndAnnouncesNothing() throws Exception {
        intake.failure = new ApiProblem(401, "bad-signature", "Invalid signature", "HMAC does not match");
        getMockEndpoint("mock:events").expectedMessageCount(0);

        Exchange reply = postWebhook("{}");

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(reply.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(reply.getMessage().getBody(String.class)).isEqualTo("{\"type\":"
                + "\"https://wahub.dev/problems/bad-signature\",\"title\":\"Invalid signature\",\"status\":401,"
                + "\"detail\":\"HMAC does not match\"}");
        getMockEndpoint("mock:events").assertIsSatisfied();
    }

    @Test
    void bodyOverTheLimit_is413BeforeTheIntakeSeesIt() {
        Exchange reply = postWebhook("x".repeat(1025));

        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(413);
        assertThat(intake.received).isEmpty();
    }

    @Test
    void queuedMessages_reachDeliveryAsOneBatch() {
        List<String> refs = List.of("acme/" + UUID.randomUUID(), "acme/" + UUID.randomUUID(),
                "globex/" + UUID.randomUUID());

        refs.forEach(ref -> template.sendBody("direct:messages", ref));

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.calls.get() == 1);
        assertThat(delivery.batches).containsExactly(refs);
    }

    @Test
    void deferredMessages_comeBackOntoTheBusAfterTheirDelay_whenTheirTurnCame() throws InterruptedException {
        String deferred = "acme/" + UUID.randomUUID();
        delivery.deferrals.add(new MessageDelivery.Deferred(deferred, 300));
        MockEndpoint bus = getMockEndpoint("mock:messages");
        bus.expectedBodiesReceived(deferred);
        bus.setResultWaitTime(5_000);
        long start = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:messages", "acme/" + UUID.randomUUID());
        }

        bus.assertIsSatisfied();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(delivery.turns).containsExactly(deferred);
    }

    @Test
    void deliveryThatThrows_isRedeliveredThreeTimesThenLeftForRecovery() throws InterruptedException {
        delivery.failuresLeft.set(10);

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:messages", "acme/" + UUID.randomUUID());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.calls.get() == 4);
        Thread.sleep(500); // redeliveries are 100, 300 and 900 ms apart: a fifth call would come within this
        assertThat(delivery.calls.get()).isEqualTo(4);
        assertThat(delivery.batches).hasSize(4).allSatisfy(batch -> assertThat(batch).hasSize(3));
    }

    @Test
    void whileWebhooksAreBeingReceived_batchThreadsRestAsLongAsTheyWorked() throws Exception {
        Thread webhook = holdAWebhookAndQueueTwoBatches(300);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.ended.size() == 2);
        intake.hold.countDown();
        webhook.join();

        long restedMillis = Duration.ofNanos(delivery.started.get(1) - delivery.ended.get(0)).toMillis();
        assertThat(restedMillis).as("rest between the two batches").isGreaterThanOrEqualTo(250);
    }

    @Test
    void aBatchThreadsRest_endsOnceNoWebhookIsBeingReceived() throws Exception {
        Thread webhook = holdAWebhookAndQueueTwoBatches(500);
        // the webhook is answered as the first batch's rest (as long as it worked, 500 ms) begins
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> delivery.ended.size() == 1);
        intake.hold.countDown();
        webhook.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.ended.size() == 2);

        long restedMillis = Duration.ofNanos(delivery.started.get(1) - delivery.ended.get(0)).toMillis();
        assertThat(restedMillis).as("pause between the two batches").isLessThan(250);
    }

    @Test
    void withNoWebhookBeingReceived_batchThreadsDoNotRest() {
        delivery.workMillis = 300;

        for (int i = 0; i < 6; i++) {
            template.sendBody("direct:messages", "acme/" + UUID.randomUUID());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery.ended.size() == 2);

        long restedMillis = Duration.ofNanos(delivery.started.get(1) - delivery.ended.get(0)).toMillis();
        assertThat(restedMillis).as("pause between the two batches").isLessThan(100);
    }

    /**
     * A webhook held in the intake (the ingress busy until {@code intake.hold} is counted down), then six messages:
     * two batches for the one delivery thread, each taking {@code workMillis}. Returns the webhook's thread.
     */
    private Thread holdAWebhookAndQueueTwoBatches(long workMillis) {
        delivery.workMillis = workMillis;
        intake.hold = new CountDownLatch(1);
        Thread webhook = Thread.ofVirtual().start(() -> postWebhook("{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> intake.received.size() == 1);
        for (int i = 0; i < 6; i++) {
            template.sendBody("direct:messages", "acme/" + UUID.randomUUID());
        }
        return webhook;
    }

    private Exchange postWebhook(String body) {
        return template.request("direct:webhook", e -> {
            e.getIn().setHeader("tenant", "acme");
            e.getIn().setHeader("connector", "shopify");
            e.getIn().setHeader("X-Shopify-Topic", "orders/create");
            e.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
        });
    }

    private static final class FakeIntake implements WebhookIntake {
        final List<InboundWebhook> received = new CopyOnWriteArrayList<>();
        Receipt receipt = new Receipt(200, "ignored", "nothing to do", List.of());
        RuntimeException failure;
        volatile CountDownLatch hold;

        @Override
        public Receipt accept(InboundWebhook webhook) {
            received.add(webhook);
            if (hold != null) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return receipt;
        }

        @Override
        public String handshake(InboundWebhook webhook) {
            throw new UnsupportedOperationException("not used by these routes");
        }

        @Override
        public Receipt acceptForApp(InboundWebhook webhook, String app) {
            throw new UnsupportedOperationException("not used by these routes");
        }

        @Override
        public String appHandshake(InboundWebhook webhook, String app) {
            throw new UnsupportedOperationException("not used by these routes");
        }
    }

    private static final class FakeDelivery implements MessageDelivery {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<Deferred> deferrals = new CopyOnWriteArrayList<>();
        final List<String> turns = new CopyOnWriteArrayList<>();
        final List<Long> started = new CopyOnWriteArrayList<>();
        final List<Long> ended = new CopyOnWriteArrayList<>();
        volatile long workMillis;

        @Override
        public List<Deferred> deliver(List<String> messageRefs) {
            started.add(System.nanoTime());
            if (workMillis > 0) {
                try {
                    Thread.sleep(workMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            calls.incrementAndGet();
            batches.add(List.copyOf(messageRefs));
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database unavailable");
            }
            List<Deferred> answer = List.copyOf(deferrals);
            deferrals.clear();
            ended.add(System.nanoTime());
            return answer;
        }

        @Override
        public String turnCame(String messageRef) {
            turns.add(messageRef);
            return messageRef;
        }

        @Override
        public List<String> dueMessages(int limit) {
            return List.of();
        }
    }
}
