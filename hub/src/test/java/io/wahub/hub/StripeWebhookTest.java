package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.Hmac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stripe webhooks through HTTP → connector → inbox: stored once per event id, replays and forgeries refused. */
class StripeWebhookTest extends HubIntegrationTest {

    private static final String SECRET = "whsec_hub_test_0c1d";

    private String tenant;

    @BeforeEach
    void account() {
        tenant = uniqueTenantId("stripe");
        createTenant(tenant);
        configureConnector(tenant, "stripe", "{\"webhookSecret\":\"" + SECRET + "\"}");
    }

    @Test
    void signedCheckoutCompleted_isStoredAsPaymentSucceeded_onceEvenWhenRedelivered() throws Exception {
        byte[] body = fixture("checkout-session-completed.json");

        Response first = postStripe(body, sign(body, Instant.now().getEpochSecond(), SECRET));
        Response redelivery = postStripe(body, sign(body, Instant.now().getEpochSecond(), SECRET));

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(redelivery.json().get("status").asText()).isEqualTo("duplicate");
        var events = get("/api/v1/tenants/" + tenant + "/events").json();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("payment.succeeded");
        assertThat(events.get(0).get("deliveryId").asText()).isEqualTo("evt_1PqXyZ2eZvKYlo2C0a1b2c3d");
    }

    @Test
    void replayOlderThanFiveMinutes_is401Replayed_andNothingStored() throws Exception {
        byte[] body = fixture("invoice-paid.json");

        Response response = postStripe(body, sign(body, Instant.now().getEpochSecond() - 600, SECRET));

        assertRejectedWith(response, 401, "replayed");
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isEmpty();
    }

    @Test
    void forgedSignature_is401_andMalformedSignedBody_is400_andNothingStored() throws Exception {
        byte[] body = fixture("invoice-paid.json");
        byte[] broken = "{\"id\":\"evt_1\",".getBytes(StandardCharsets.UTF_8);

        assertRejectedWith(postStripe(body, sign(body, Instant.now().getEpochSecond(), "whsec_other")), 401,
                "bad-signature");
        assertRejectedWith(postStripe(broken, sign(broken, Instant.now().getEpochSecond(), SECRET)), 400,
                "malformed-payload");
        assertThat(get("/api/v1/tenants/" + tenant + "/events").json()).isEmpty();
    }

    private Response postStripe(byte[] body, String signature) {
        return postWebhook("/webhooks/" + tenant + "/stripe",
                Map.of("Content-Type", "application/json; charset=utf-8", "Stripe-Signature", signature), body);
    }

    static String sign(byte[] body, long timestamp, String secret) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + timestamp + ",v1=" + Hmac.hex(Hmac.sha256(secret, signed));
    }

    static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Path.of(StripeWebhookTest.class.getResource("/stripe/" + name).toURI()));
    }
}
