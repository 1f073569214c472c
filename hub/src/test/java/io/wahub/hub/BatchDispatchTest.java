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
 * are processed, and only the failing one is put back for a retry. The customers of a batch's orders, written
 * together ahead of its processing, end as written one by one.
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

    @Test
    void ordersOfOneBatch_writeTheirCustomersAsContacts_asOneByOneWould_eachTenantItsOwn() throws Exception {
        String tenant = uniqueTenantId("batch-contacts");
        String other = uniqueTenantId("batch-contacts-other");
        createTenant(tenant);
        createTenant(other);
        String known = post("/api/v1/tenants/" + tenant + "/contacts", """
                {"phone":"+4915112345678","name":"Jonny","language":"de","tags":["vip"],
                 "attributes":{"tier":"gold"}}""").json().get("id").asText();
        List<Ref> orders = List.of(
                store(order(tenant, "batch-contact-1", "+4915112345678", "Jon", "jon@doe.ca")),
                store(order(tenant, "batch-contact-2", "+4915100000021", "Ana", "ana@example.com")),
                store(order(other, "batch-contact-3", "+4915112345678", "Bea", "bea@example.com")),
                // the same customer again in the batch: the later order's values stay
                store(order(tenant, "batch-contact-4", "+4915100000021", "Ana Maria", "ana.maria@example.com")));

        dispatch.dispatch(orders.stream().map(Ref::encode).toList());

        JsonNode events = get("/api/v1/tenants/" + tenant + "/events").json();
        for (String id : List.of("batch-contact-1", "batch-contact-2", "batch-contact-4")) {
            assertThat(event(events, id).get("status").asText()).isEqualTo("done");
        }
        JsonNode contacts = get("/api/v1/tenants/" + tenant + "/contacts").json().get("items");
        assertThat(contacts).hasSize(2);
        JsonNode jon = contact(contacts, "+4915112345678");
        assertThat(jon.get("id").asText()).isEqualTo(known);
        assertThat(jon.get("name").asText()).isEqualTo("Jon Doe");
        assertThat(jon.get("language").asText()).isEqualTo("de");
        assertThat(jon.get("tags").toString()).isEqualTo("[\"vip\"]");
        assertThat(jon.get("attributes").toString()).isEqualTo("{\"tier\":\"gold\",\"email\":\"jon@doe.ca\"}");
        assertThat(jon.get("source").asText()).isEqualTo("api");
        JsonNode ana = contact(contacts, "+4915100000021");
        assertThat(ana.get("name").asText()).isEqualTo("Ana Maria Doe");
        assertThat(ana.get("country").asText()).isEqualTo("DE");
        assertThat(ana.get("tags").toString()).isEqualTo("[]");
        assertThat(ana.get("attributes").toString()).isEqualTo("{\"email\":\"ana.maria@example.com\"}");
        assertThat(ana.get("source").asText()).isEqualTo("order");
        JsonNode others = get("/api/v1/tenants/" + other + "/contacts").json().get("items");
        assertThat(others).hasSize(1);
        assertThat(others.get(0).get("name").asText()).isEqualTo("Bea Doe");
        assertThat(others.get(0).get("attributes").toString()).isEqualTo("{\"email\":\"bea@example.com\"}");
        assertThat(others.get(0).get("source").asText()).isEqualTo("order");
        assertThat(event(get("/api/v1/tenants/" + other + "/events").json(), "batch-contact-3").get("status")
                .asText()).isEqualTo("done");
    }

    private static CanonicalEvent order(String tenant, String deliveryId, String phone, String firstName,
                                        String email) throws Exception {
        return new CanonicalEvent(tenant, "order.created", "shopify", deliveryId, Instant.now(),
                (ObjectNode) JSON.readTree("""
                        {"orderId":"%s","orderNumber":"#%s","currency":"EUR","total":"19.99",
                         "customer":{"firstName":"%s","lastName":"Doe","phone":"%s","email":"%s"},
                         "lineItems":[{"title":"Blue T-Shirt (M)","quantity":1,"price":"19.99"}]}"""
                        .formatted(deliveryId, deliveryId, firstName, phone, email)));
    }

    private static JsonNode contact(JsonNode contacts, String phone) {
        return StreamSupport.stream(contacts.spliterator(), false)
                .filter(c -> c.get("phone").asText().equals(phone)).findFirst().orElseThrow();
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
