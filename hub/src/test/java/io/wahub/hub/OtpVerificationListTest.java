package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifications list behind the panel's generic Verifications page: newest first, filtered by status and number,
 * only the tenant's own; and the page the otp feature declares in the features listing.
 */
class OtpVerificationListTest extends OtpTestBase {

    @Test
    void list_showsTheTenantsVerificationsNewestFirst_filteredByStatusAndNumber_neverAnotherTenants() {
        String tenant = otpTenant("otp-list");
        String other = otpTenant("otp-list-other");
        assertThat(start(tenant, "+4915110000001", "login").status()).isEqualTo(201);
        JsonNode second = start(tenant, "+4915110000002", "signup").json();
        assertThat(post(otp(tenant, "/verifications/" + second.get("id").asText() + "/cancel"), null).status())
                .isEqualTo(200);
        assertThat(start(other, "+4915110000003", "login").status()).isEqualTo(201);

        JsonNode all = get(otp(tenant, "/verifications")).json();
        JsonNode canceled = get(otp(tenant, "/verifications?status=canceled")).json();
        JsonNode byNumber = get(otp(tenant, "/verifications?to=%2B4915110000001")).json();

        assertThat(numbers(all)).containsExactly("+4915110000002", "+4915110000001");
        assertThat(all.get(1).get("status").asText()).isEqualTo("pending");
        assertThat(all.get(1).has("code")).isFalse();
        assertThat(numbers(canceled)).containsExactly("+4915110000002");
        assertThat(numbers(byNumber)).containsExactly("+4915110000001");
        expectProblem(get(otp(tenant, "/verifications?status=lost&limit=0")), 400, "invalid-request");
        assertThat(get(otp(tenant, "/verifications?status=lost")).json().get("errors").get("status").asText())
                .isEqualTo("one of pending, approved, canceled, max_attempts_reached, expired");
    }

    @Test
    void featuresListing_declaresTheVerificationsPage_withItsListFiltersCancelAndStartForm() {
        String tenant = otpTenant("otp-panel");

        JsonNode otp = null;
        for (JsonNode feature : get("/api/v1/tenants/" + tenant + "/features").json()) {
            if (feature.get("id").asText().equals("otp")) {
                otp = feature;
            }
        }

        JsonNode page = otp.get("panel").get(0);
        assertThat(page.get("id").asText()).isEqualTo("verifications");
        assertThat(page.get("list").get("path").asText()).isEqualTo("/verifications");
        assertThat(page.get("list").get("filters").get(0).get("param").asText()).isEqualTo("status");
        assertThat(page.get("actions").get(0).get("path").asText()).isEqualTo("/verifications/{id}/cancel");
        assertThat(page.get("create").get("path").asText()).isEqualTo("/verifications");
        assertThat(page.get("create").get("schema").get("properties").get("to").get("title").asText())
                .isEqualTo("Number");
    }

    private static List<String> numbers(JsonNode list) {
        List<String> numbers = new ArrayList<>();
        list.forEach(v -> numbers.add(v.get("to").asText()));
        return numbers;
    }
}
