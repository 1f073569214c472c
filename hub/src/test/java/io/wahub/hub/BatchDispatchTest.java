package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.hub.inbox.InboxRepository;
import io.wahub.routes.EventDispatch;
import io.wahub.routes.Ref;
import io.wahub.sdk.CanonicalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch takes events in batches. One event of a batch failing in a feature must not hold back the others: they
 * are processed, and only the failing one is put back for a retry.
 */
class BatchDispatchTest extends HubIntegrationTest {

    @Autowired
    InboxRepository inbox;
    @Autowired
    EventDispatch dispatch;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void oneFailingEventInABatch_doesNotHoldBackTheOthers() throws Exception {
        String tenant = uniqueTenantId("batch");
        createTenant(tenant);
        enableFeature(tenant, "packing-list", true);
        Ref order = store(new CanonicalEvent(tenant, "order.created", "shopify", "batch-order-1", Instant.now(),
                (ObjectNode) JSON.readTree("""
                        {"orderId":"5001","orderNumber":"#5001","currency":"EUR","total":"19.99",
                         "customer":{"firstName":"Ana","phone":"+4915112345678"},
                         "lineItems":[{"title":"Blue T-Shirt (M)","quantity":1,"price":"19.99"}]}""")));
        // a status report for a message the hub has not recorded yet: the dispatcher retries it later
        Ref status = store(new CanonicalEvent(tenant, "message.status", "whatsapp-cloud", "batch-status-1",
                Instant.now(), (ObjectNode) JSON.readTree("""
                        {"providerMessageId":"wamid.not-yet-recorded","status":"delivered"}""")));

        List<String> queued = dispatch.dispatch(List.of(status.encode(), order.encode()));

        assertThat(queued).hasSize(1);
        JsonNode events = get("/api/v1/tenants/" + tenant + "/events").json();
        assertThat(event(events, "batch-order-1").get("status").asText()).isEqualTo("done");
        JsonNode failed = event(events, "batch-status-1");
        assertThat(failed.get("status").asText()).isEqualTo("pending");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asText()).contains("no message with provider id wamid.not-yet-recorded");
        JsonNode messages = get("/api/v1/tenants/" + tenant + "/messages").json();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("id").asText()).isEqualTo(Ref.decode(queued.getFirst()).id().toString());
        assertThat(messages.get(0).get("text").asText()).contains("Ana", "#5001", "Blue T-Shirt (M)");
    }

    /** Stores the event due in an hour, so the recovery sweep leaves it to this test. */
    private Ref store(CanonicalEvent event) {
        Instant now = Instant.now();
        return new Ref(event.tenantId(), transactions.execute(s ->
                inbox.insert(event, now, now.plus(Duration.ofHours(1)))).orElseThrow());
    }

    private static JsonNode event(JsonNode events, String deliveryId) {
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.get("deliveryId").asText().equals(deliveryId)).findFirst().orElseThrow();
    }
}
