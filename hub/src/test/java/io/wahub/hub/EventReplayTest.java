package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The events API as the panel uses it: filters, one event's payload and produced messages, and replaying a dead
 * event. Events come in by the real path: a customer's WhatsApp text through the Evolution webhook, handled by the
 * tests' timer-commands feature, whose run fails on purpose for the text {@code fail}.
 */
class EventReplayTest extends FeatureTimerTestBase {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void deadEventReplayed_isHandedToTheFeatureAgain_untilDeadOnceMore_andTheReplayIsAudited() {
        String tenant = timerTenant("replay");
        JsonNode dead = deadEvent(tenant);

        Response replayed = post(events(tenant) + "/" + dead.path("id").asText() + "/replay", null);

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("event").path("status").asText()).isEqualTo("pending");
        assertThat(replayed.json().path("event").path("attempts").asInt()).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode again = get(events(tenant) + "/" + dead.path("id").asText()).json().path("event");
            assertThat(again.path("status").asText()).isEqualTo("dead");
            assertThat(again.path("attempts").asInt()).isEqualTo(3);
            assertThat(again.path("lastError").asText())
                    .isEqualTo("java.lang.IllegalStateException: the run failed on purpose");
        });
        assertThat(get("/api/v1/tenants/" + tenant + "/audit").json().findValuesAsText("action"))
                .contains("event.replayed");
    }

    @Test
    void eventDetail_showsTheWebhooksPayload_andFiltersFindItByConnectorTypeAndStatus() {
        String tenant = timerTenant("filters");
        JsonNode dead = deadEvent(tenant);
        String id = dead.path("id").asText();

        JsonNode detail = get(events(tenant) + "/" + id).json();

        assertThat(detail.path("payload").toString()).contains("fail");
        assertThat(detail.path("messages").isArray()).isTrue();
        assertThat(ids(get(events(tenant) + "?status=dead&source=evolution&type=" + dead.path("type").asText())))
                .containsExactly(id);
        assertThat(ids(get(events(tenant) + "?status=done"))).doesNotContain(id);
        assertThat(ids(get(events(tenant) + "?source=shopify"))).isEmpty();
        assertThat(ids(get(events(tenant) + "?since=" + java.time.Instant.now().plusSeconds(60)))).isEmpty();
    }

    @Test
    void badFilter_isRefusedWithTheFieldsError() {
        String tenant = timerTenant("badfilter");

        Response refused = get(events(tenant) + "?status=lost&since=yesterday");

        expectProblem(refused, 400, "invalid-filter");
        assertThat(refused.json().path("errors").path("status").asText()).isEqualTo("must be one of pending, done, dead");
    }

    @Test
    void eventThatIsNotDead_isNotReplayed_409_andOtherTenantsKeyGets404() {
        String tenant = timerTenant("notdead");
        command(tenant, "schedule later 3600000");
        await().atMost(WAIT).untilAsserted(() -> assertThat(get(events(tenant)).json().path(0).path("status")
                .asText()).isEqualTo("done"));
        String id = get(events(tenant)).json().path(0).path("id").asText();
        String other = uniqueTenantId("other");
        createTenant(other);

        expectProblem(post(events(tenant) + "/" + id + "/replay", null), 409, "event-not-dead");
        expectProblem(callAs(adminKey(other), "POST", events(other) + "/" + id + "/replay", null), 404,
                "event-not-found");
        expectProblem(callAs(adminKey(other), "GET", events(other) + "/" + id, null), 404, "event-not-found");
    }

    private JsonNode deadEvent(String tenant) {
        command(tenant, "fail");
        await().atMost(WAIT).untilAsserted(() -> assertThat(get(events(tenant)).json().path(0).path("status")
                .asText()).isEqualTo("dead"));
        return get(events(tenant)).json().path(0);
    }

    private static String events(String tenant) {
        return "/api/v1/tenants/" + tenant + "/events";
    }

    private static java.util.List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().findValuesAsText("id");
    }
}
