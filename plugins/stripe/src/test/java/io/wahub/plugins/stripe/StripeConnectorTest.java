package io.wahub.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Hmac;
import io.wahub.sdk.InboundWebhook;
import io.wahub.sdk.WebhookOutcome;
import io.wahub.sdk.WebhookRejection;
import io.wahub.sdk.WebhookRejection.Reason;
import io.wahub.sdk.testkit.FakeContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeConnectorTest {

    static final String SECRET = "whsec_test_5f3c9a1b2d";
    static final String OLD_SECRET = "whsec_test_rolled_away";
    static final Instant NOW = Instant.parse("2026-05-24T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final StripeConnector connector = new StripeConnector();
    final FakeContext context = FakeContext.of(new StripeSettings(SECRET), NOW);

    @Test
    void acceptsPaidCheckoutSession_asPaymentSucceededKeyedOnEventId() throws Exception {
        byte[] body = fixture("checkout-session-completed.json");

        WebhookOutcome outcome = connector.receive(signedNow(body), context);

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("payment.succeeded");
        assertThat(event.source()).isEqualTo("stripe");
        assertThat(event.deliveryId()).isEqualTo("evt_1PqXyZ2eZvKYlo2C0a1b2c3d");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-05-24T07:59:50Z"));
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"paymentId":"cs_test_a1B2c3D4e5F6g7H8i9J0","object":"checkout.session",\
                "paymentIntentId":"pi_3PqXyZ2eZvKYlo2C1x2y3z4w","orderId":"820982911946154508","currency":"EUR",\
                "amountMinor":2999,"amount":"29.99","customer":{"name":"Jon Doe","email":"jon@doe.ca",\
                "phone":"+4915112345678"},"livemode":false,"metadata":{"order_id":"820982911946154508"}}""");
    }

    @Test
    void mapsFailedPaymentIntent_withZeroDecimalCurrencyAndFailureMessage() throws Exception {
        WebhookOutcome outcome = connector.receive(signedNow(fixture("payment-intent-payment-failed.json")), context);

        CanonicalEvent event = outcome.events().getFirst();
        assertThat(event.type()).isEqualTo("payment.failed");
        assertThat(JSON.writeValueAsString(event.payload())).isEqualTo("""
                {"paymentId":"pi_3PqXyZ2eZvKYlo2C1x2y3z4w","object":"payment_intent",\
                "paymentIntentId":"pi_3PqXyZ2eZvKYlo2C1x2y3z4w","currency":"JPY","amountMinor":500,"amount":"500",\
                "customer":{"email":"jon@doe.ca"},"failureMessage":"Your card has insufficient funds.",\
                "livemode":false}""");
    }

    @Test
    void mapsInvoicePaid() throws Exception {
        CanonicalEvent event = connector.receive(signedNow(fixture("invoice-paid.json")), context).events().getFirst();

        assertThat(event.type()).isEqualTo("invoice.paid");
        assertThat(event.payload().get("invoiceId").asText()).isEqualTo("in_1PqInv2eZvKYlo2C9z8y7x6w");
        assertThat(event.payload().get("amount").asText()).isEqualTo("120.00");
        assertThat(event.payload().get("customer").get("phone").asText()).isEqualTo("+16135550108");
    }

    @Test
    void mapsChargeRefunded_toTheRefundedAmount() throws Exception {
        CanonicalEvent event = connector.receive(signedNow(fixture("charge-refunded.json")), context).events()
                .getFirst();

        assertThat(event.type()).isEqualTo("payment.refunded");
        assertThat(event.payload().get("amount").asText()).isEqualTo("10.00");
        assertThat(event.payload().get("paymentIntentId").asText()).isEqualTo("pi_3PqXyZ2eZvKYlo2C1x2y3z4w");
        assertThat(event.payload().get("livemode").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "checkout.session.async_payment_succeeded, payment.succeeded",
        "checkout.session.async_payment_failed, payment.failed",
        "payment_intent.succeeded, payment.succeeded",
        "invoice.payment_failed, payment.failed"})
    void mapsEachEventType(String stripeType, String canonical) throws Exception {
        byte[] body = text("checkout-session-completed.json")
                .replace("\"type\": \"checkout.session.completed\"", "\"type\": \"" + stripeType + "\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(connector.receive(signedNow(body), context).events()).singleElement()
                .extracting(CanonicalEvent::type).isEqualTo(canonical);
    }

    @Test
    void ignoresCompletedButUnpaidCheckout_whoseAsyncEventFollows() throws Exception {
        byte[] body = text("checkout-session-completed.json")
                .replace("\"payment_status\": \"paid\"", "\"payment_status\": \"unpaid\"")
                .getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = connector.receive(signedNow(body), context);

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.note()).startsWith("checkout session cs_test_a1B2c3D4e5F6g7H8i9J0 is completed but unpaid");
    }

    @Test
    void ignoresEventTypesNotUsed() throws Exception {
        byte[] body = text("invoice-paid.json").replace("\"type\": \"invoice.paid\"", "\"type\": \"customer.created\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(connector.receive(signedNow(body), context).note()).isEqualTo("event type customer.created is not used");
    }

    @Test
    void acceptsAnyMatchingV1_duringSecretRotation() throws Exception {
        byte[] body = fixture("invoice-paid.json");
        String header = sign(body, NOW.getEpochSecond(), OLD_SECRET, SECRET);

        assertThat(connector.receive(webhook(body, header), context).events()).hasSize(1);
    }

    @Test
    void ignoresV0AndUnknownSchemes() throws Exception {
        byte[] body = fixture("invoice-paid.json");
        String header = sign(body, NOW.getEpochSecond(), SECRET) + ",v0=6ffbb59b2300aae63f272406069a9788598b792a";

        assertThat(connector.receive(webhook(body, header), context).events()).hasSize(1);
    }

    @Test
    void rejectsSignatureWithAnotherSecret() throws Exception {
        byte[] body = fixture("invoice-paid.json");

        assertRejected(webhook(body, sign(body, NOW.getEpochSecond(), OLD_SECRET)), Reason.BAD_SIGNATURE,
                "Stripe-Signature has no v1 signature matching the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsTimestampSwappedIntoAValidSignature() throws Exception {
        byte[] body = fixture("invoice-paid.json");
        String header = sign(body, NOW.getEpochSecond() - 1000, SECRET)
                .replace("t=" + (NOW.getEpochSecond() - 1000), "t=" + NOW.getEpochSecond());

        assertRejected(webhook(body, header), Reason.BAD_SIGNATURE,
                "Stripe-Signature has no v1 signature matching the body signed with the webhookSecret setting");
    }

    @Test
    void rejectsReplayedStripeEvent_olderThanFiveMinutes() throws Exception {
        byte[] body = fixture("invoice-paid.json");
        long signedAt = NOW.getEpochSecond() - 301;

        assertRejected(webhook(body, sign(body, signedAt, SECRET)), Reason.REPLAYED, "Stripe-Signature was signed at t="
                + signedAt + ", 301 s from now; more than 300 s is refused as a replay");
    }

    @Test
    void acceptsEventSignedExactlyFiveMinutesAgo() throws Exception {
        byte[] body = fixture("invoice-paid.json");

        assertThat(connector.receive(webhook(body, sign(body, NOW.getEpochSecond() - 300, SECRET)), context).events())
                .hasSize(1);
    }

    @Test
    void rejectsSignatureFromTheFuture_beyondTolerance() throws Exception {
        byte[] body = fixture("invoice-paid.json");

        assertRejected(webhook(body, sign(body, NOW.getEpochSecond() + 400, SECRET)), Reason.REPLAYED,
                "Stripe-Signature was signed at t=" + (NOW.getEpochSecond() + 400)
                        + ", -400 s from now; more than 300 s is refused as a replay");
    }

    @Test
    void rejectsMissingHeader_andHeaderWithoutParts() throws Exception {
        byte[] body = fixture("invoice-paid.json");

        assertRejected(webhook(body, null), Reason.BAD_SIGNATURE, "Stripe-Signature header is missing");
        assertRejected(webhook(body, "v1=abc"), Reason.BAD_SIGNATURE, "Stripe-Signature has no timestamp t=");
        assertRejected(webhook(body, "t=" + NOW.getEpochSecond()), Reason.BAD_SIGNATURE,
                "Stripe-Signature has no v1 signature");
        assertRejected(webhook(body, "t=soon,v1=abc"), Reason.BAD_SIGNATURE,
                "Stripe-Signature has an unreadable timestamp t=soon");
    }

    @Test
    void rejectsSignedMalformedJson_andNonEvents() {
        assertRejected(signedNow("{\"id\":".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED,
                "body is not valid JSON (line 1, column 7)");
        assertRejected(signedNow("{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED,
                "body is not a Stripe event: id, type and data.object are required");
    }

    @Test
    void isListedInThePf4jExtensionIndex() throws Exception {
        StringBuilder indexes = new StringBuilder();
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).contains(StripeConnector.class.getName());
    }

    void assertRejected(InboundWebhook webhook, Reason reason, String message) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> connector.receive(webhook, context));
        assertThat(rejection).as("expected a WebhookRejection").isNotNull();
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.getMessage()).isEqualTo(message);
    }

    static InboundWebhook signedNow(byte[] body) {
        return webhook(body, sign(body, NOW.getEpochSecond(), SECRET));
    }

    static InboundWebhook webhook(byte[] body, String signature) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        if (signature != null) {
            headers.put("stripe-signature", signature);
        }
        return new InboundWebhook("t1", "stripe", headers, Map.of(), body, NOW);
    }

    /** The header Stripe sends: {@code t=…} and one {@code v1=…} per active secret. */
    static String sign(byte[] body, long timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        for (String secret : secrets) {
            header.append(",v1=").append(Hmac.hex(Hmac.sha256(secret, signed)));
        }
        return header.toString();
    }

    static String text(String name) throws IOException {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = StripeConnectorTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }
}
