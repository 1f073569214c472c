package io.wahub.plugins.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.api.ApiProblem;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InvoiceRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    @Test
    void validRequest_totalIsTheSumOfQuantityTimesUnitAmount() throws Exception {
        InvoiceRequest request = InvoiceRequest.parse(JSON.readTree("""
                {"reference":"INV-1","contact":{"phone":"+4915112345678","name":" Jon  Doe "},"currency":"EUR",
                 "lines":[{"description":"Shirt","quantity":2,"unitAmountMinor":1990},
                          {"description":"Mug","unitAmountMinor":1000}],"dueDate":"2026-12-10"}"""), TODAY);

        assertThat(request.amountMinor()).isEqualTo(4980);
        assertThat(request.name()).isEqualTo("Jon Doe");
        assertThat(request.linesJson()).isEqualTo("[{\"description\":\"Shirt\",\"quantity\":2,\"unitAmountMinor\":1990},"
                + "{\"description\":\"Mug\",\"quantity\":1,\"unitAmountMinor\":1000}]");
    }

    @Test
    void everyBadField_isReportedAtItsPath() throws Exception {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> InvoiceRequest.parse(JSON.readTree("""
                {"reference":"","contact":{"phone":"015112345678"},"currency":"eur",
                 "lines":[{"description":"","quantity":0,"unitAmountMinor":1.5}],"dueDate":"2026-11-30"}"""),
                TODAY));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.fieldErrors()).containsOnlyKeys("reference", "contact.phone", "contact.name", "currency",
                "lines[0].description", "lines[0].quantity", "lines[0].unitAmountMinor", "dueDate");
        assertThat(problem.fieldErrors().get("dueDate")).isEqualTo("not in the past (today is 2026-12-01)");
    }
}
