package io.wahub.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Invoices through the real path: API → PostgreSQL → Stripe (WireMock) → the invoices plugin → the Cloud API
 * (WireMock); reminders on durable timers with the hub's clock moved; Stripe's signed webhook for the payment.
 */
class InvoiceFlowTest extends InvoiceTestBase {

    @Test
    void createdInvoice_getsItsStripePage_andGoesAsTheInvoiceTemplateWithAUrlButton_exactCloudApiBody() {
        String numberId = uniquePhoneNumberId();
        String tenant = invoiceTenant("inv-create", numberId);
        LocalDate due = today().plusDays(10);

        Response created = createInvoice(tenant, "INV-1001", due);
        Response again = createInvoice(tenant, "INV-1001", due);
        String id = created.json().get("id").asText();
        messages(tenant, "invoice_issued", 1);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("sent");
        assertThat(created.json().get("amount").asText()).isEqualTo("29.99 EUR");
        assertThat(created.json().get("paymentUrl").asText()).isEqualTo(PAGE);
        assertThat(created.json().get("nextReminderAt").asText()).isEqualTo(due.minusDays(3) + "T09:00:00Z");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo("wahub-checkout-" + id))
                .withRequestBody(containing("metadata%5Binvoice_id%5D=" + id))
                .withRequestBody(containing("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=2999")));
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + numberId + "/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"invoice_issued","language":{"code":"en_US"},"components":[\
                {"type":"body","parameters":[\
                {"type":"text","parameter_name":"customer_name","text":"Jon"},\
                {"type":"text","parameter_name":"reference","text":"INV-1001"},\
                {"type":"text","parameter_name":"amount","text":"29.99 EUR"},\
                {"type":"text","parameter_name":"due_date","text":"%s"}]},\
                {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"c/pay/cs_test_inv"}]}\
                ]}}""".formatted(due))));
    }

    @Test
    void remindersFireOnSchedule_thenAPaymentMarksItPaid_sendsTheReceipt_andCancelsTheRest() {
        String numberId = uniquePhoneNumberId();
        String tenant = invoiceTenant("inv-remind", numberId);
        LocalDate due = today().plusDays(5);
        String id = createInvoice(tenant, "INV-2001", due).json().get("id").asText();
        messages(tenant, "invoice_issued", 1);

        moveClockTo(due.minusDays(3), 9, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> invoice(tenant, id).has("nextReminderAt")
                && invoice(tenant, id).get("remindersSent").asInt() == 1);
        JsonNode afterFirst = invoice(tenant, id);
        moveClockTo(due, 9, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 2);
        Response paid = stripePaid(tenant, id);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoice(tenant, id).get("status").asText().equals("paid"));
        messages(tenant, "invoice_receipt", 1);
        moveClockTo(due.plusDays(8), 9, 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> sends(numberId, "invoice_reminder").size() == 2);

        assertThat(afterFirst.get("status").asText()).isEqualTo("sent");
        assertThat(afterFirst.get("nextReminderAt").asText()).isEqualTo(due + "T09:00:00Z");
        assertThat(sends(numberId, "invoice_reminder").getFirst().getBodyAsString())
                .contains("{\"type\":\"text\",\"parameter_name\":\"due_phrase\",\"text\":\"due on " + due + "\"}");
        assertThat(sends(numberId, "invoice_reminder").getLast().getBodyAsString())
                .contains("{\"type\":\"text\",\"parameter_name\":\"due_phrase\",\"text\":\"due today\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(202);
        JsonNode invoice = invoice(tenant, id);
        assertThat(invoice.get("remindersSent").asInt()).isEqualTo(2);
        assertThat(invoice.has("nextReminderAt")).isFalse();
        assertThat(invoice.has("paidAt")).isTrue();
        assertThat(timers(tenant)).isZero();
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + numberId + "/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",\
                "type":"template","template":{"name":"invoice_receipt","language":{"code":"en_US"},"components":[\
                {"type":"body","parameters":[\
                {"type":"text","parameter_name":"customer_name","text":"Jon"},\
                {"type":"text","parameter_name":"amount","text":"29.99 EUR"},\
                {"type":"text","parameter_name":"reference","text":"INV-2001"},\
                {"type":"text","parameter_name":"paid_date","text":"%s"}]}]}}""".formatted(due))));
    }

    @Test
    void overdueReminder_makesTheInvoiceOverdue() {
        String numberId = uniquePhoneNumberId();
        String tenant = invoiceTenant("inv-overdue", numberId);
        LocalDate due = today().plusDays(1);
        String id = createInvoice(tenant, "INV-2501", due).json().get("id").asText();

        moveClockTo(due.plusDays(7), 9, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> invoice(tenant, id).get("remindersSent").asInt() == 2);

        assertThat(invoice(tenant, id).get("status").asText()).isEqualTo("overdue");
        assertThat(sends(numberId, "invoice_reminder").getLast().getBodyAsString())
                .contains("\"text\":\"overdue since " + due + "\"");
    }

    @Test
    void paymentRacingAQueuedReminder_suppressesThatReminder_asWithdrawn() {
        String numberId = uniquePhoneNumberId();
        String tenant = invoiceTenant("inv-race", numberId);
        graph.stubFor(WireMock.post(urlEqualTo("/v23.0/" + numberId + "/messages")).atPriority(1)
                .withRequestBody(containing("\"name\":\"invoice_reminder\""))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"down\",\"code\":2}}")));
        LocalDate due = today().plusDays(5);
        String id = createInvoice(tenant, "INV-3001", due).json().get("id").asText();
        messages(tenant, "invoice_issued", 1);

        moveClockTo(due.minusDays(3), 9, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 1);
        Response paid = stripePaid(tenant, id);
        JsonNode reminder = messages(tenant, "invoice_reminder", 1).getFirst();
        messages(tenant, "invoice_receipt", 1);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> sends(numberId, "invoice_reminder").size() == 1);

        assertThat(paid.status()).isEqualTo(202);
        assertThat(reminder.get("status").asText()).isEqualTo("suppressed");
        assertThat(reminder.get("reasonCode").asText()).isEqualTo("withdrawn");
        assertThat(reminder.get("lastError").asText()).isEqualTo("The feature that queued this message withdrew it"
                + " before it was sent (it no longer applies); it is not sent.");
        assertThat(invoice(tenant, id).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void cancellingAnInvoice_cancelsItsReminders_andIsIdempotent_butAPaidOneCannotBeCancelled() {
        String numberId = uniquePhoneNumberId();
        String tenant = invoiceTenant("inv-cancel", numberId);
        LocalDate due = today().plusDays(5);
        String id = createInvoice(tenant, "INV-4001", due).json().get("id").asText();
        String paidId = createInvoice(tenant, "INV-4002", due).json().get("id").asText();
        stripePaid(tenant, paidId);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoice(tenant, paidId).get("status").asText()
                .equals("paid"));

        Response cancelled = post(invoices(tenant, "/invoices/" + id + "/cancel"), null);
        Response again = post(invoices(tenant, "/invoices/" + id + "/cancel"), null);
        Response paidCancel = post(invoices(tenant, "/invoices/" + paidId + "/cancel"), null);
        moveClockTo(due.plusDays(8), 9, 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> sends(numberId, "invoice_reminder").isEmpty());

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(again.status()).isEqualTo(200);
        expectProblem(paidCancel, 409, "invoice-paid");
        assertThat(timers(tenant)).isZero();
        assertThat(get(invoices(tenant, "/invoices?status=cancelled")).json()).extracting(n -> n.get("id").asText())
                .containsExactly(id);
    }

    @Test
    void badRequest_answersProblemJsonWithAnErrorPerField() {
        String tenant = invoiceTenant("inv-bad", uniquePhoneNumberId());

        Response bad = post(invoices(tenant, "/invoices"), """
                {"reference":"","contact":{"phone":"0151"},"currency":"euro","lines":[],"dueDate":"soon"}""");
        Response badFilter = get(invoices(tenant, "/invoices?status=lost"));

        expectProblem(bad, 400, "invalid-request");
        assertThat(bad.json().get("errors")).isEqualTo(JSON.createObjectNode()
                .put("contact.name", "1 to 100 characters")
                .put("contact.phone", "a mobile number in E.164 format, for example +4915112345678")
                .put("currency", "an ISO 4217 code in upper case, for example EUR")
                .put("dueDate", "a date, YYYY-MM-DD")
                .put("lines", "1 to 50 lines")
                .put("reference", "1 to 100 letters, digits, '.', '_', '/' or '-', unique per invoice"));
        expectProblem(badFilter, 400, "invalid-request");
        stripe.verify(0, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withRequestBody(containing("Invoice+%22")));
    }

    @Test
    void anotherTenant_cannotSeeOrCancelTheInvoice() {
        String tenant = invoiceTenant("inv-a", uniquePhoneNumberId());
        String other = invoiceTenant("inv-b", uniquePhoneNumberId());
        String id = createInvoice(tenant, "INV-5001", today().plusDays(5)).json().get("id").asText();

        expectProblem(get(invoices(other, "/invoices/" + id)), 404, "not-found");
        expectProblem(post(invoices(other, "/invoices/" + id + "/cancel"), null), 404, "not-found");
        assertThat(get(invoices(other, "/invoices")).json()).isEmpty();
        assertThat(stripePaid(other, id).status()).isEqualTo(202);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> invoice(tenant, id).get("status").asText().equals("sent"));
    }
}
