package io.wahub.plugins.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.WebhookJson;
import org.junit.jupiter.api.Test;

class ShopifyOrdersTest {

    /** Reads numbers the way {@link ShopifyConnector} does: decimals stay exact. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Test
    void prefersCustomerPhone_overAddressPhones() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 1, "customer": {"phone": "+1 613-555-0108"},
                 "billing_address": {"phone": "0151 12345678", "country_code": "DE"}}""");

        assertThat(ShopifyOrders.phone(order, "US")).contains("+16135550108");
    }

    @Test
    void readsNumberWithoutPrefix_inItsAddressCountry() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 1, "customer": {"phone": null},
                 "shipping_address": {"phone": "06 12 34 56 78", "country_code": "FR"}}""");

        assertThat(ShopifyOrders.phone(order, "US")).contains("+33612345678");
    }

    @Test
    void readsNumberWithoutPrefix_inDefaultCountry_whenNoAddressHasACountry() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 1, "phone": "(613) 555-0108"}""");

        assertThat(ShopifyOrders.phone(order, "CA")).contains("+16135550108");
    }

    @Test
    void skipsInvalidNumbers_andOmitsPhoneWhenNoneIsValid() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 820982911946154508, "name": "#9999", "currency": "USD", "total_price": "254.98",
                 "customer": {"first_name": "John", "last_name": "Smith", "email": "john@example.com", "phone": null},
                 "billing_address": {"phone": "555-555-BILL", "country_code": "US"},
                 "shipping_address": {"phone": "555-555-SHIP", "country_code": "US"},
                 "line_items": [{"title": "Aviator sunglasses", "quantity": 1, "sku": "SKU2006-001",
                                 "variant_title": null, "price": "89.99"}]}""");

        assertThat(JSON.writeValueAsString(ShopifyOrders.normalise(order, "shop.myshopify.com", "US")))
                .isEqualTo("""
                        {"orderId":"820982911946154508","orderNumber":"#9999","currency":"USD","total":"254.98",\
                        "customer":{"firstName":"John","lastName":"Smith","email":"john@example.com"},\
                        "lineItems":[{"sku":"SKU2006-001","title":"Aviator sunglasses","quantity":1,"price":"89.99"}],\
                        "shopName":"shop.myshopify.com","cashOnDelivery":false,"shippingAddress":{"country":"US"}}""");
    }

    @Test
    void takesNamesFromBillingAddress_andEmailFromOrder_forGuestCheckout() throws Exception {
        JsonNode order = JSON.readTree("""
                {"id": 7, "email": "", "contact_email": "guest@example.com",
                 "billing_address": {"first_name": "Ana", "last_name": "Lima", "phone": "+55 11 91234-5678"},
                 "line_items": [{"title": "Gift card", "variant_title": "Default Title", "quantity": 1,
                                 "price": 25.00, "sku": ""}]}""");

        assertThat(JSON.writeValueAsString(ShopifyOrders.normalise(order, "shop.myshopify.com", "US")))
                .isEqualTo("""
                        {"orderId":"7",\
                        "customer":{"firstName":"Ana","lastName":"Lima","email":"guest@example.com",\
                        "phone":"+5511912345678"},\
                        "lineItems":[{"title":"Gift card","quantity":1,"price":"25.00"}],\
                        "shopName":"shop.myshopify.com","cashOnDelivery":false}""");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "[\"Cash on Delivery (COD)\"]         | Cash on Delivery (COD)       | true",
        "[\"manual\", \"CASH ON DELIVERY\"]   | manual, CASH ON DELIVERY     | true",
        "[\"cod\"]                            | cod                          | true",
        "[\"shopify_payments\"]               | shopify_payments             | false",
        "[\"Cash on pickup\"]                 | Cash on pickup               | false"})
    void readsPaymentMethod_andCashOnDelivery_fromGatewayNames(String gateways, String method, boolean cod)
            throws Exception {
        JsonNode order = JSON.readTree("{\"id\": 1, \"payment_gateway_names\": " + gateways + "}");

        JsonNode payload = ShopifyOrders.normalise(order, "shop.myshopify.com", "US");

        assertThat(payload.get("paymentMethod").asText()).isEqualTo(method);
        assertThat(payload.get("cashOnDelivery").asBoolean()).isEqualTo(cod);
    }

    /**
     * The connector builds only the fields in {@link ShopifyOrders#READ}: the payload must come out the same as from
     * the whole order, for a customer's order and for a guest's (names, email and phone from elsewhere).
     */
    @Test
    void normalisesTheSame_fromOnlyTheFieldsItReads() throws Exception {
        ObjectNode sample = (ObjectNode) JSON.readTree(ShopifyConnectorTest.fixture("orders-create.json"));
        ObjectNode guest = sample.deepCopy();
        guest.remove("customer");
        guest.put("email", "");
        guest.withObject("/billing_address").put("phone", "+44 20 7946 0958");

        for (ObjectNode order : new ObjectNode[] {sample, guest}) {
            JsonNode read = WebhookJson.parseObject(JSON.writeValueAsBytes(order), "body", ShopifyOrders.READ);

            assertThat(ShopifyOrders.normalise(read, "shop.myshopify.com", "US"))
                    .isEqualTo(ShopifyOrders.normalise(order, "shop.myshopify.com", "US"));
            for (String field : new String[] {"id", "created_at", "updated_at"}) {
                assertThat(read.get(field)).as(field).isEqualTo(order.get(field));
            }
            assertThat(read.toString().length()).isLessThan(order.toString().length() / 2);
        }
    }
}
