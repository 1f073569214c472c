package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An invoice's reminders survive a hub restart: a hub sends the invoice and stops; another hub started on the same
 * data folder (its embedded PostgreSQL) sends each reminder at its moment, not before, from the durable timers. The
 * hubs are application contexts of their own in this JVM, each with the real plugin jars and a clock of its own
 * that the test moves.
 */
class InvoiceRemindersAcrossRestartTest extends InvoiceTestBase {

    @Test
    void remindersFireOnSchedule_onAHubStartedAfterTheOneThatSentTheInvoiceStopped() throws Exception {
        Path dataDir = Files.createTempDirectory("wahub-invoices-restart-");
        String numberId = uniquePhoneNumberId();
        String tenant;
        String id;
        LocalDate due;
        try (ConfigurableApplicationContext first = node(dataDir)) {
            use(first);
            tenant = invoiceTenant("inv-restart", numberId);
            due = today().plusDays(5);
            id = createInvoice(tenant, "INV-6001", due).json().get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_issued").size() == 1);
        }

        try (ConfigurableApplicationContext again = node(dataDir)) {
            use(again);
            moveClockTo(due.minusDays(3), 8, 59);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> sends(numberId, "invoice_reminder").isEmpty());
            moveClockTo(due.minusDays(3), 9, 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 1);
            moveClockTo(due, 9, 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> sends(numberId, "invoice_reminder").size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> invoice(tenant, id).get("remindersSent").asInt() == 2);

            assertThat(sends(numberId, "invoice_reminder").getFirst().getBodyAsString())
                    .contains("\"text\":\"due on " + due + "\"");
            assertThat(sends(numberId, "invoice_reminder").getLast().getBodyAsString())
                    .contains("\"text\":\"due today\"");
            assertThat(invoice(tenant, id).get("nextReminderAt").asText())
                    .isEqualTo(due.plusDays(7) + "T09:00:00Z");
        } finally {
            clock = null;
        }
    }

    /** Points this test's HTTP helpers and clock at {@code hub}. */
    private void use(ConfigurableApplicationContext hub) {
        port = ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
        clock = hub.getBean(AdjustableClock.class);
    }

    @Override
    void clockBack() {
        // each hub's clock ends with its hub
    }

    /** A hub on {@code dataDir} (its embedded PostgreSQL) with this test's settings and the bundled plugins. */
    private ConfigurableApplicationContext node(Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : HubIntegrationTest.class.getAnnotation(SpringBootTest.class).properties()) {
            properties.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        properties.put("server.port", "0");
        properties.put("wahub.data-dir", dataDir.toString());
        properties.put("spring.datasource.url", "embedded");
        properties.put("wahub.timers.period", "100ms");
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("camel.main.name", "wahub-invoice-node");
        return new SpringApplicationBuilder(WahubApplication.class, AdjustableClock.Configuration.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new));
    }
}
