package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.inbox.InboxRepository;
import io.wahub.hub.inbox.InboxRepository.ClaimedEvent;
import io.wahub.routes.EventDispatch;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch claims an event for a lease, runs the features with no transaction open, then finishes it fenced by the
 * claim. A leased event is nobody else's until the lease ends; an event whose node died meanwhile is taken again by
 * the recovery sweep after the lease, and the dead node's claim can no longer finish it.
 */
class EventLeaseTest extends HubIntegrationTest {

    @Autowired
    InboxRepository inbox;
    @Autowired
    EventDispatch dispatch;
    @Autowired
    TransactionTemplate transactions;

    private String tenant;

    @BeforeEach
    void tenantWithPackingList() {
        tenant = uniqueTenantId("lease");
        createTenant(tenant);
        enableFeature(tenant, "packing-list", true);
    }

    @Test
    void leasedEvent_isNotClaimedAgain_norDispatched_beforeItsLeaseEnds() throws Exception {
        Ref order = storeOrder("lease-order-1");
        List<ClaimedEvent> first = claim(order, Duration.ofHours(1));

        List<ClaimedEvent> second = claim(order, Duration.ofHours(1));
        List<String> dispatched = dispatch.dispatch(List.of(order.encode()));

        assertThat(first).extracting(ClaimedEvent::ref, ClaimedEvent::attempt)
                .containsExactly(tuple(order, 1));
        assertThat(second).isEmpty();
        assertThat(dispatched).isEmpty();
        JsonNode event = get("/api/v1/tenants/" + tenant + "/events").json().get(0);
        assertThat(event.get("status").asText()).isEqualTo("pending");
        assertThat(event.get("attempts").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
    }

    @Test
    void eventOfANodeThatDiedWhileProcessingIt_isDispatchedAfterTheLease_andTheStaleClaimCannotFinishIt()
            throws Exception {
        Ref order = storeOrder("lease-order-2");
        ClaimedEvent abandoned = claim(order, Duration.ofSeconds(2)).getFirst();
        Instant claimedAt = Instant.now();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/api/v1/tenants/" + tenant + "/messages").json().findValuesAsText("status"))
                .containsExactly("sent"));
        JsonNode event = get("/api/v1/tenants/" + tenant + "/events").json().get(0);
        assertThat(event.get("status").asText()).isEqualTo("done");
        assertThat(event.get("attempts").asInt()).isEqualTo(2);
        assertThat(Instant.parse(event.get("processedAt").asText())).isAfter(claimedAt.plusSeconds(1));
        List<Ref> finishedByTheStaleClaim = transactions.execute(status -> inbox.finish(List.of(abandoned)));
        assertThat(finishedByTheStaleClaim).isEmpty();
    }

    /** Claims the event as a dispatch batch does (in a transaction of its own). */
    private List<ClaimedEvent> claim(Ref ref, Duration lease) {
        return inbox.claim(List.of(ref), lease);
    }

    /** Stores an order event due in an hour, so that only a claim, not the recovery sweep, takes it at first. */
    private Ref storeOrder(String deliveryId) throws Exception {
        Instant now = Instant.now();
        CanonicalEvent event = new CanonicalEvent(tenant, "order.created", "shopify", deliveryId, now,
                (ObjectNode) JSON.readTree("""
                        {"orderId":"5001","orderNumber":"#5001","currency":"EUR","total":"19.99",
                         "customer":{"firstName":"Ana","phone":"+4915112345678"},
                         "lineItems":[{"title":"Blue T-Shirt (M)","quantity":1,"price":"19.99"}]}"""));
        return new Ref(tenant, transactions.execute(s -> inbox.insert(event, now, now.plus(Duration.ofHours(1))))
                .orElseThrow());
    }
}
