package io.wahub.plugins.shopify;

import static io.wahub.plugins.shopify.ShopifyConnectorTest.NOW;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.SECRET;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.SHOP;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.fixture;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.headers;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.signed;
import static io.wahub.plugins.shopify.ShopifyConnectorTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.testkit.FakeContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopifyFulfillmentAndCheckoutTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final ShopifyConnector connector = new ShopifyConnector();
    final FakeContext context = FakeContext.of(new ShopifySettings(SECRET, SHOP, "US"), NOW);

    @Test
    void fulfillmentsCreate_isFulfillmentCreatedWithCarrierTrackingNumberAndUrl() throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture("fulfillments-create.json"), "fulfillments/create"),
                context);

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("fulfillment.created");
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"fulfillmentId":"255858046","orderId":"820982911946154508","orderNumber":"#1001","status":"success",\
                "carrier":"DHL Express","trackingNumber":"1234567890",\
                "trackingUrl":"https://www.dhl.com/de-en/home/tracking.html?tracking-id=1234567890",\
                "customer":{"firstName":"Jon","lastName":"Doe","email":"jon@doe.ca","phone":"+4915112345678"},\
                "lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","variant":"M","quantity":2,"price":"19.99"}],\
                "shopName":"my-shop.myshopify.com"}""");
    }

    @Test
    void checkoutsCreate_isCheckoutCreatedWithRecoveryUrl_forAbandonedCartDrips() throws Exception {
        WebhookOutcome outcome = connector.receive(signed(fixture("checkouts-create.json"), "checkouts/create"),
                context);

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("checkout.created");
        assertThat(event.deliveryId()).isEqualTo("checkouts/create:981820079255243537");
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"checkoutId":"981820079255243537","checkoutToken":"123123123",\
                "recoveryUrl":"https://my-shop.myshopify.com/59910180887/checkouts/123123123/recover?key=example",\
                "currency":"EUR","total":"39.98","customer":{"firstName":"Jon","lastName":"Doe","email":"jon@doe.ca",\
                "phone":"+4915112345678"},"lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","variant":"M","quantity":2,\
                "price":"19.99"}],"shopName":"my-shop.myshopify.com"}""");
    }

    @Test
    void sameEventFromTwoSubscriptions_hasTheSameDeliveryId() throws Exception {
        byte[] body = fixture("fulfillments-create.json");
        Map<String, String> second = headers(body, "fulfillments/create");
        second.put("x-shopify-webhook-id", "another-subscription-webhook-id");

        String first = connector.receive(signed(body, "fulfillments/create"), context).events().getFirst().deliveryId();
        String again = connector.receive(webhook(body, second), context).events().getFirst().deliveryId();

        assertThat(again).isEqualTo(first).isEqualTo("fulfillments/create:255858046");
    }

    @Test
    void fulfillmentsUpdate_isFulfillmentUpdatedWithTheShipmentStatus_oneEventPerChange() throws Exception {
        String delivered = new String(fixture("fulfillments-create.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"shipment_status\":null", "\"shipment_status\":\"delivered\"")
                .replace("\"updated_at\":\"2026-05-25T09:02:11-04:00\"", "\"updated_at\":\"2026-05-27T11:00:00-04:00\"");

        CanonicalEvent event = connector.receive(signed(delivered.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "fulfillments/update"), context).events().getFirst();

        assertThat(event.type()).isEqualTo("fulfillment.updated");
        assertThat(event.deliveryId()).isEqualTo("fulfillments/update:255858046@2026-05-27T15:00:00Z");
        assertThat(event.payload().get("shipmentStatus").asText()).isEqualTo("delivered");
        assertThat(event.payload().get("trackingNumber").asText()).isEqualTo("1234567890");
    }

    @Test
    void refundsCreate_isRefundCreatedWithTheSumOfItsSuccessfulRefundTransactions() throws Exception {
        byte[] refund = """
                {"id":929361463,"order_id":820982911946154508,"created_at":"2026-05-26T10:00:00-04:00",\
                "note":"wrong size","restock":true,"refund_line_items":[],"transactions":[\
                {"id":1,"kind":"refund","status":"success","amount":"19.99","currency":"EUR","gateway":"bogus"},\
                {"id":2,"kind":"refund","status":"failure","amount":"5.00","currency":"EUR","gateway":"bogus"}]}"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        CanonicalEvent event = connector.receive(signed(refund, "refunds/create"), context).events().getFirst();

        assertThat(event.type()).isEqualTo("refund.created");
        assertThat(event.deliveryId()).isEqualTo("refunds/create:929361463");
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"refundId":"929361463","orderId":"820982911946154508","currency":"EUR","amount":"19.99",\
                "note":"wrong size","shopName":"my-shop.myshopify.com"}""");
    }
}
