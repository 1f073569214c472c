package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The orders API over orders stored from real webhooks: list newest first, search, filters, keyset pages, the
 * detail with line items, field errors for bad parameters, and another tenant seeing none of it.
 */
class OrdersApiTest extends OrderNotificationsTestBase {

    /** Given: a Shopify order #1001 in EUR, then WooCommerce orders #727 in EUR and #728 in JPY, all one customer's. */
    private String tenantWithThreeOrders() {
        String tenant = ordersTenant("orders-api");
        shopify(tenant, "orders/create", shopifyOrder());
        ordersWhenDone(tenant);
        woo(tenant, "order.created", WooAndStripeOrderNotificationsTest.wooOrder("on-hold"));
        ordersWhenDone(tenant);
        woo(tenant, "order.created", WooAndStripeOrderNotificationsTest.wooOrder("processing")
                .replaceFirst("\"id\":727,", "\"id\":728,").replace("\"number\":\"727\"", "\"number\":\"728\"")
                .replace("\"currency\":\"EUR\"", "\"currency\":\"JPY\"").replace("\"total\":\"29.35\"",
                        "\"total\":\"1500\""));
        ordersWhenDone(tenant);
        return tenant;
    }

    @Test
    void ordersAreListedNewestFirst_searchedAndFiltered_withAmountsInTheirCurrencysDecimals() {
        String tenant = tenantWithThreeOrders();

        JsonNode all = get(orders(tenant, "")).json();
        JsonNode byNumber = get(orders(tenant, "?q=1001")).json();
        JsonNode byName = get(orders(tenant, "?q=john")).json();
        JsonNode byPhone = get(orders(tenant, "?phone=%2B4915112345678")).json();
        JsonNode paid = get(orders(tenant, "?status=paid")).json();

        assertThat(numbers(all)).containsExactly("#728", "#727", "#1001");
        assertThat(all.findValuesAsText("total")).containsExactly("¥1,500", "€29.35", "€44.98");
        assertThat(all.get(0).get("totalMinor").asLong()).isEqualTo(1500);
        assertThat(all.get(2).get("totalMinor").asLong()).isEqualTo(4498);
        assertThat(all.findValuesAsText("status")).containsExactly("paid", "open", "open");
        assertThat(numbers(byNumber)).containsExactly("#1001");
        assertThat(numbers(byName)).containsExactly("#728", "#727");
        assertThat(byPhone).hasSize(3);
        assertThat(numbers(paid)).containsExactly("#728");
    }

    @Test
    void aFullPageCarriesACursor_andTheNextPageStartsAfterIt() {
        String tenant = tenantWithThreeOrders();

        JsonNode first = get(orders(tenant, "?limit=2")).json();
        JsonNode second = get(orders(tenant, "?limit=2&before=" + first.get(1).get("nextCursor").asText())).json();

        assertThat(numbers(first)).containsExactly("#728", "#727");
        assertThat(numbers(second)).containsExactly("#1001");
        assertThat(second.get(0).has("nextCursor")).isFalse();
    }

    @Test
    void oneOrder_showsItsLineItemsWithVariantQuantityAndPrice() {
        String tenant = tenantWithThreeOrders();
        String id = get(orders(tenant, "?q=1001")).json().get(0).get("id").asText();

        JsonNode order = get(orders(tenant, "/" + id)).json();

        assertThat(order.get("lineItems").toString()).isEqualTo("""
                [{"title":"Blue T-Shirt (M)","variant":"M","quantity":2,"priceMinor":1999,"price":"€19.99"},\
                {"title":"Socks","quantity":1,"priceMinor":500,"price":"€5.00"}]""");
        assertThat(order.get("customerName").asText()).isEqualTo("Jon Doe");
        assertThat(order.get("financialStatus").asText()).isEqualTo("paid");
        assertThat(order.get("paymentMethod").asText()).isEqualTo("bogus");
        assertThat(order.get("cashOnDelivery").asBoolean()).isFalse();
        assertThat(order.get("taxMinor").asLong()).isEqualTo(718);
        assertThat(order.get("shippingAddress").asText()).isEqualTo("Jon Doe, 10119 Berlin, DE");
    }

    @Test
    void badParameters_answerProblemJsonWithAnErrorPerParameter() throws Exception {
        String tenant = ordersTenant("orders-api-bad");

        Response bad = get(orders(tenant, "?status=lost&limit=0&before=nonsense&phone=12"));

        expectProblem(bad, 422, "invalid-request");
        assertThat(bad.json().get("errors")).isEqualTo(JSON.readTree("""
                {"before":"a cursor from a previous page's nextCursor",\
                "limit":"a whole number from 1 to 200",\
                "phone":"a number in E.164 format, for example +4915112345678",\
                "status":"one of open, paid, shipped, delivered, cancelled, refunded"}"""));
        expectProblem(get(orders(tenant, "/not-an-id")), 404, "not-found");
    }

    @Test
    void anotherTenant_seesNoneOfTheOrders_evenByTheirId() {
        String tenant = tenantWithThreeOrders();
        String id = get(orders(tenant, "")).json().get(0).get("id").asText();
        String other = ordersTenant("orders-api-other");

        assertThat(get(orders(other, "")).json()).isEmpty();
        assertThat(get(orders(other, "?q=1001")).json()).isEmpty();
        expectProblem(get(orders(other, "/" + id)), 404, "not-found");
        String otherKey = createKey(other, "{\"name\":\"orders\",\"scopes\":[\"feature:orders\"]}");
        assertThat(callAs(otherKey, "GET", orders(tenant, ""), null).status()).isIn(403, 404);
    }

    @Test
    void featuresListing_showsTheOrdersPanelPage_listFiltersAndDetail() {
        String tenant = ordersTenant("orders-panel");

        JsonNode orders = get("/api/v1/tenants/" + tenant + "/features").json().findParents("id").stream()
                .filter(f -> f.get("id").asText().equals("orders")).findFirst().orElseThrow();
        JsonNode page = orders.get("panel").get(0);

        assertThat(orders.get("enabled").asBoolean()).isTrue();
        assertThat(page.get("id").asText()).isEqualTo("orders");
        assertThat(page.get("list").get("path").asText()).isEqualTo("/orders");
        assertThat(page.get("list").get("filters").findValuesAsText("param")).containsExactly("q", "phone", "status");
        assertThat(page.get("detail").get("path").asText()).isEqualTo("/orders/{id}");
    }

    private static java.util.List<String> numbers(JsonNode orders) {
        return java.util.stream.StreamSupport.stream(orders.spliterator(), false).map(o -> o.get("number").asText())
                .toList();
    }
}
