package io.wahub.plugins.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wahub.sdk.PhoneNumbers;
import io.wahub.sdk.api.ApiProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A create request, validated: {@code reference}, {@code contact {phone, name}}, {@code currency}, {@code lines
 * [{description, quantity, unitAmountMinor}]}, {@code dueDate}. Every field error is collected under its path
 * ({@code contact.phone}, {@code lines[1].unitAmountMinor}) and thrown at once as 400 {@code invalid-request}.
 *
 * @param linesJson the lines as stored: quantity filled in, nothing else
 */
record InvoiceRequest(String reference, String phone, String name, String currency, String linesJson,
                      long amountMinor, LocalDate dueDate) {

    static final int MAX_LINES = 50;
    static final long MAX_AMOUNT_MINOR = 99_999_999_999L;

    static InvoiceRequest parse(JsonNode body, LocalDate today) {
        Map<String, String> errors = new TreeMap<>();
        String reference = text(body.get("reference"));
        if (!reference.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")) {
            errors.put("reference", "1 to 100 letters, digits, '.', '_', '/' or '-', unique per invoice");
        }
        JsonNode contact = body.path("contact");
        String phone = text(contact.get("phone"));
        if (!PhoneNumbers.isE164(phone)) {
            errors.put("contact.phone", "a mobile number in E.164 format, for example +4915112345678");
        }
        String name = text(contact.get("name"));
        if (name.isEmpty() || name.length() > 100) {
            errors.put("contact.name", "1 to 100 characters");
        }
        String currency = text(body.get("currency"));
        if (!currency.matches("[A-Z]{3}") || !Money.known(currency)) {
            errors.put("currency", "an ISO 4217 code in upper case, for example EUR");
        }
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        long total = lines(body.get("lines"), lines, errors);
        if (errors.keySet().stream().noneMatch(k -> k.startsWith("lines")) && total <= 0) {
            errors.put("lines", "the invoice's total must be positive");
        } else if (total > MAX_AMOUNT_MINOR) {
            errors.put("lines", "the invoice's total is at most " + MAX_AMOUNT_MINOR + " minor units");
        }
        LocalDate due = null;
        try {
            due = LocalDate.parse(text(body.get("dueDate")));
            if (due.isBefore(today)) {
                errors.put("dueDate", "not in the past (today is " + today + ")");
            }
        } catch (DateTimeParseException e) {
            errors.put("dueDate", "a date, YYYY-MM-DD");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, "invalid-request", "Invalid request",
                    "Invalid request: " + String.join(", ", errors.keySet()), errors);
        }
        return new InvoiceRequest(reference, phone, name.replaceAll("\\s+", " "), currency, lines.toString(), total,
                due);
    }

    private static long lines(JsonNode given, ArrayNode lines, Map<String, String> errors) {
        if (given == null || !given.isArray() || given.isEmpty() || given.size() > MAX_LINES) {
            errors.put("lines", "1 to " + MAX_LINES + " lines");
            return 0;
        }
        long total = 0;
        for (int i = 0; i < given.size(); i++) {
            JsonNode line = given.get(i);
            String at = "lines[" + i + "].";
            String description = text(line.get("description"));
            if (description.isEmpty() || description.length() > 200) {
                errors.put(at + "description", "1 to 200 characters");
            }
            JsonNode quantityNode = line.get("quantity");
            long quantity = quantityNode == null ? 1 : quantityNode.canConvertToLong() && quantityNode.isIntegralNumber()
                    ? quantityNode.asLong() : -1;
            if (quantity < 1 || quantity > 100_000) {
                errors.put(at + "quantity", "a whole number from 1 to 100000 (default 1)");
            }
            JsonNode unit = line.get("unitAmountMinor");
            long unitAmount = unit != null && unit.isIntegralNumber() && unit.canConvertToLong() ? unit.asLong() : -1;
            if (unitAmount < 0 || unitAmount > MAX_AMOUNT_MINOR) {
                errors.put(at + "unitAmountMinor", "a whole amount in the currency's minor unit (cents), 0 or more");
            }
            if (quantity >= 1 && unitAmount >= 0) {
                total = Math.min(total + Math.min(quantity * unitAmount, MAX_AMOUNT_MINOR + 1), MAX_AMOUNT_MINOR + 1);
            }
            lines.addObject().put("description", description).put("quantity", quantity)
                    .put("unitAmountMinor", unitAmount);
        }
        return total;
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.asText().strip() : "";
    }
}
