package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WooCommerce webhooks through HTTP → connector → inbox → packing-list feature → outbox (sandbox channel). */
class WooCommerceWebhookTest extends HubIntegrationTest {

    private static final String SECRET = "wc_hub_secret_77";
    private static final String STORE = "https://shop.example.com/";

    private String tenant;

    @BeforeEach
    void store() {
        tenant = uniqueTenantId("woo");
        createTenant(tenant);
        configureConnector(tenant, "woocommerce", """
                {"webhookSecret":"%s","storeUrl":"%s","defaultCountry":"DE"}""".formatted(SECRET, STORE));
        enableFeature(tenant, "packing-list", true);
    }

    @Test
    void signedOrderCreated_storesCreatedAndPaid_andQueuesOnePackingList() throws Exception {
        Response ack = postWoo("order.created", order(), SECRET, STORE);

        assertThat(ack.status()).as(ack.body()).isEqualTo(202);
        assertThat(ack.json().get("events")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).hasSize(1));
        JsonNode message = get("/api/v1/tenants/" + tenant + "/messages").json().get(0);
        assertThat(message.get("to").asText()).isEqualTo("+4915112345678");
        assertThat(types()).containsExactlyInAnyOrder("order.created", "order.paid");
    }

    @Test
    void sameSnapshotSentAgainWithNewDeliveryId_isADuplicate() throws Exception {
        postWoo("order.created", order(), SECRET, STORE);

        Response again = postWoo("order.created", order(), SECRET, STORE);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(types()).hasSize(2);
    }

    @Test
    void laterEditOfAPaidOrder_storesTheUpdateButNotASecondPaid() throws Exception {
        postWoo("order.created", order(), SECRET, STORE);
        byte[] edited = new String(order(), StandardCharsets.UTF_8)
                .replace("\"date_modified_gmt\":\"2026-05-24T08:14:02\"", "\"date_modified_gmt\":\"2026-05-24T09:30:00\"")
                .getBytes(StandardCharsets.UTF_8);

        Response ack = postWoo("order.updated", edited, SECRET, STORE);

        assertThat(ack.status()).isEqualTo(202);
        assertThat(ack.json().get("events")).hasSize(1);
        assertThat(types()).containsExactlyInAnyOrder("order.created", "order.paid", "order.updated");
    }

    @Test
    void creationPing_answersTheSame200WhetherTheTenantExistsOrNot_andStoresNothing() {
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        byte[] ping = "webhook_id=15".getBytes(StandardCharsets.UTF_8);

        Response ack = postWebhook("/webhooks/" + tenant + "/woocommerce", form, ping);
        Response unknownTenant = postWebhook("/webhooks/" + uniqueTenantId("woo-ghost") + "/woocommerce", form, ping);

        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.body()).isEqualTo("{\"status\":\"ignored\",\"reason\":\"ping webhook_id=15 acknowledged\"}");
        assertThat(unknownTenant.status()).isEqualTo(ack.status());
        assertThat(unknownTenant.body()).isEqualTo(ack.body());
        assertThat(types()).isEmpty();
    }

    @Test
    void wrongSignature_is401_foreignStore_is403_malformed_is400_oversized_is413_andNothingStored() throws Exception {
        assertRejectedWith(postWoo("order.created", order(), "not-the-secret", STORE), 401, "bad-signature");
        assertRejectedWith(postWoo("order.created", order(), SECRET, "https://evil.example.net/"), 403,
                "foreign-source");
        assertRejectedWith(postWoo("order.created", "{\"id\":727,".getBytes(StandardCharsets.UTF_8), SECRET, STORE),
                400, "malformed-payload");
        assertRejectedWith(postWoo("order.created", ShopifyOrderToWhatsAppTest.oversized(), SECRET, STORE), 413,
                "payload-too-large");
        Thread.sleep(300);
        assertThat(types()).isEmpty();
        assertThat(get("/api/v1/tenants/" + tenant + "/messages").json()).isEmpty();
    }

    private List<String> types() {
        List<String> types = new ArrayList<>();
        get("/api/v1/tenants/" + tenant + "/events").json().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private Response postWoo(String topic, byte[] body, String secret, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-WC-Webhook-Source", source);
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Resource", "order");
        headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        headers.put("X-WC-Webhook-Signature", Hmac.base64(Hmac.sha256(secret, body)));
        headers.put("X-WC-Webhook-ID", "15");
        headers.put("X-WC-Webhook-Delivery-ID", java.util.UUID.randomUUID().toString().replace("-", ""));
        return postWebhook("/webhooks/" + tenant + "/woocommerce", headers, body);
    }

    static byte[] order() throws Exception {
        return Files.readAllBytes(Path.of(WooCommerceWebhookTest.class.getResource("/woocommerce/order-processing.json")
                .toURI()));
    }
}
