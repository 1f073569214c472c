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
                "lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","quantity":2,"price":"19.99"}],\
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
                "phone":"+4915112345678"},"lineItems":[{"sku":"TS-BLUE-M","title":"Blue T-Shirt (M)","quantity":2,\
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
}
