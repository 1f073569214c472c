package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CSV imports of contacts through HTTP: 100,000 rows streamed, progress, and failed lines with their numbers. */
class ContactImportTest extends HubIntegrationTest {

    private String tenant;
    private String base;

    @BeforeEach
    void tenant() {
        tenant = uniqueTenantId("import");
        base = "/api/v1/tenants/" + tenant + "/contacts";
        createTenant(tenant);
    }

    @Test
    void hundredThousandRows_areImported_withEveryBadLineReportedByItsNumber() {
        StringBuilder csv = new StringBuilder("phone,name,country,tags,shoe_size\n");
        List<Long> badLines = new ArrayList<>();
        for (int row = 1; row <= 100_000; row++) {
            if (row % 10_000 == 0) {
                csv.append("not-a-number,Nobody ").append(row).append(",DE,,\n");
                badLines.add((long) row + 1); // the header is line 1
            } else {
                csv.append("0151 ").append(10_000_000 + row).append(",Customer ").append(row)
                        .append(",DE,imported;batch-1,").append(36 + row % 10).append('\n');
            }
        }
        long started = System.nanoTime();

        Response accepted = postCsv(csv.toString());
        JsonNode done = awaitDone(accepted.json().get("id").asText(), Duration.ofMinutes(5));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("ContactImportTest: 100,000 CSV rows (%d bytes) imported in %d ms%n", csv.length(),
                took.toMillis());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().get("location").getFirst())
                .isEqualTo(base + "/imports/" + accepted.json().get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(100_000);
        assertThat(done.get("created").asLong()).isEqualTo(99_990);
        assertThat(done.get("updated").asLong()).isZero();
        assertThat(done.get("failed").asLong()).isEqualTo(10);
        assertThat(done.get("failures").findValues("line").stream().map(JsonNode::asLong).toList())
                .isEqualTo(badLines);
        assertThat(done.get("failures").get(0).get("message").asText())
                .isEqualTo("phone: not a valid phone number: not-a-number");
        JsonNode anna = get(base + "?search=4915110000001&limit=1").json().get("items").get(0);
        assertThat(anna.get("phone").asText()).isEqualTo("+4915110000001");
        assertThat(anna.get("tags").toString()).isEqualTo("[\"imported\",\"batch-1\"]");
        assertThat(anna.get("attributes").toString()).isEqualTo("{\"shoe_size\":\"37\"}");
        assertThat(anna.get("source").asText()).isEqualTo("import");
    }

    @Test
    void reimport_updatesExistingContacts_addsTags_andCountsAQuotedMultiLineRowAsItsLines() {
        postCsv("phone,name,tags\n+4915100000001,Anna,vip\n");
        awaitDoneOfLatest();

        String csv = """
                \uFEFFPhone,Name,Tags,Note
                +4915100000001,,newsletter,"first line
                second line"
                +4915100000002,Bert,,
                +4915100000001,Anna Maria,,
                12345,Broken,,
                """;
        Response accepted = postCsv(csv);
        JsonNode done = awaitDone(accepted.json().get("id").asText(), Duration.ofSeconds(60));

        assertThat(done.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("updated").asLong()).isEqualTo(2);
        assertThat(done.get("failed").asLong()).isEqualTo(1);
        assertThat(done.get("failures").get(0).get("line").asLong()).isEqualTo(6);
        JsonNode anna = get(base + "?search=000001").json().get("items").get(0);
        assertThat(anna.get("name").asText()).isEqualTo("Anna Maria");
        assertThat(anna.get("tags").toString()).isEqualTo("[\"vip\",\"newsletter\"]");
        assertThat(anna.get("attributes").toString()).isEqualTo("{\"Note\":\"first line\\nsecond line\"}");
    }

    @Test
    void aFileWithoutAPhoneColumn_failsAsAWhole_andAnEmptyBodyIs422() {
        Response accepted = postCsv("name,country\nAnna,DE\n");
        JsonNode done = awaitDone(accepted.json().get("id").asText(), Duration.ofSeconds(60));
        Response empty = postCsv("");

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).isEqualTo("the header row has no phone column");
        assertThat(done.get("rowsRead").asLong()).isZero();
        assertRejectedWith(empty, 422, "invalid-request");
        assertRejectedWith(get(base + "/imports/" + java.util.UUID.randomUUID()), 404, "import-not-found");
    }

    private String latest;

    private void awaitDoneOfLatest() {
        awaitDone(latest, Duration.ofSeconds(60));
    }

    private JsonNode awaitDone(String id, Duration deadline) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(deadline).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = get(base + "/imports/" + id + "?failuresLimit=1000").json();
            return last[0].get("done").asBoolean();
        });
        return last[0];
    }

    private Response postCsv(String csv) {
        Response response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + base + "/imports"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + OPERATOR_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        if (response.status() == 202) {
            latest = response.json().get("id").asText();
        }
        return response;
    }
}
