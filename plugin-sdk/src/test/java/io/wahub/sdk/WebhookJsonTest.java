package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookJsonTest {

    private static final WebhookJson.Fields ORDER = WebhookJson.fields("id", "total", "customer", "line_items.sku");

    @Test
    void keepsTheChosenFieldsAndLooksThroughArrays() throws Exception {
        JsonNode order = parse("""
                {"id": 1, "name": "#1001", "total": 5.00, "noise": {"a": [1, 2, {"b": "c"}]},
                 "customer": {"phone": "+14155550123", "tags": ["vip"]},
                 "line_items": [{"sku": "A-1", "tax_lines": [{"rate": 0.2}]}, {"title": "no sku"}, {"sku": "B-2"}]}
                """, ORDER);

        assertThat(order.toString()).isEqualTo("{\"id\":1,\"total\":5.00,"
                + "\"customer\":{\"phone\":\"+14155550123\",\"tags\":[\"vip\"]},"
                + "\"line_items\":[{\"sku\":\"A-1\"},{},{\"sku\":\"B-2\"}]}");
    }

    @Test
    void anObjectWithNoneOfTheFieldsIsStillAnObject() throws Exception {
        assertThat(parse("{\"other\": true}", ORDER).toString()).isEqualTo("{}");
        assertThat(parse("{}", ORDER).toString()).isEqualTo("{}");
    }

    @Test
    void refusesBrokenJsonEvenWhereNoFieldIsKept() {
        assertThatThrownBy(() -> parse("{\"id\": 1, \"noise\": {\"a\": [1, }}", ORDER))
                .isInstanceOfSatisfying(WebhookRejection.class, rejection -> {
                    assertThat(rejection.reason()).isEqualTo(WebhookRejection.Reason.MALFORMED);
                    assertThat(rejection.getMessage()).isEqualTo("body is not valid JSON (line 1, column 30)");
                });
    }

    @Test
    void refusesTrailingContentAndNonObjects() {
        for (String body : new String[] {"{\"id\": 1} {\"id\": 2}", "{\"id\": 1} 7", "[{\"id\": 1}]", "\"text\"", ""}) {
            for (WebhookJson.Fields fields : new WebhookJson.Fields[] {ORDER, null}) {
                assertThatThrownBy(() -> parse(body, fields)).as(body)
                        .isInstanceOfSatisfying(WebhookRejection.class, rejection ->
                                assertThat(rejection.reason()).isEqualTo(WebhookRejection.Reason.MALFORMED));
            }
        }
    }

    private static JsonNode parse(String body, WebhookJson.Fields fields) throws WebhookRejection {
        return WebhookJson.parseObject(body.getBytes(StandardCharsets.UTF_8), "body", fields);
    }
}
