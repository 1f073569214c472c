package io.wahub.plugins.packinglist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PackingListMessageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dropsMissingOrderNumberCurrencyAndPrice_withTheirSpaces() throws Exception {
        String text = PackingListMessage.render(JSON.readTree("""
                {"total":"12.00","customer":{"firstName":"Ana"},
                 "lineItems":[{"title":"Mug","quantity":3},{"sku":"CARD-1","quantity":1,"price":"2.00"}]}"""),
                PackingListSettings.defaults());

        assertThat(text).isEqualTo("""
                Hi Ana, thanks for your order!

                3 × Mug
                1 × CARD-1 — 2.00

                Total: 12.00""");
    }

    @Test
    void leavesOutItemBlock_whenOrderHasNoItems() throws Exception {
        String text = PackingListMessage.render(JSON.readTree("""
                {"orderNumber":"#1002","currency":"USD","total":"0.00","customer":{},"lineItems":[]}"""),
                PackingListSettings.defaults());

        assertThat(text).isEqualTo("Hi, thanks for your order #1002!\n\nTotal: 0.00 USD");
    }
}
