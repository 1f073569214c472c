package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.plugins.drips.EnrolmentJobs.Job;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiResponse;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV enrolment record by record ({@link CsvReader}): a header naming the columns ({@code phone} required,
 * {@code name} optional, any other column a variable for the templates, {@code {{event.<column>}}}), or no header
 * when the first field is a phone number (one number per line). Valid lines are stored {@value #CHUNK} at a time for
 * the job; bad ones are reported by line number (the first {@value #MAX_ERRORS}, all counted as {@code rejected}).
 */
final class CsvEnrolment {

    static final int CHUNK = 500;
    static final int MAX_ERRORS = 100;
    private static final String E164 = "\\+[1-9]\\d{6,14}";
    private static final String COLUMN = "[A-Za-z][A-Za-z0-9_]{0,63}";

    private final FeatureContext context;
    private final Campaign campaign;

    CsvEnrolment(FeatureContext context, Campaign campaign) {
        this.context = context;
        this.campaign = campaign;
    }

    ApiResponse run(Reader in) {
        CsvReader csv = new CsvReader(in);
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        int rejected = 0;
        int accepted = 0;
        List<String> columns = null;
        Job job = null;
        List<EnrolmentJobs.Line> chunk = new ArrayList<>();
        while (true) {
            List<String> record;
            try {
                record = csv.next();
            } catch (IllegalArgumentException e) {
                rejected += report(errors, csv.line(), e.getMessage());
                continue;
            }
            if (record == null) {
                break;
            }
            if (record.size() == 1 && record.getFirst().isBlank()) {
                continue;
            }
            if (columns == null) {
                columns = header(record);
                if (!isPhone(record.getFirst())) {
                    continue; // the header line
                }
            }
            try {
                chunk.add(line(csv.line(), columns, record));
                accepted++;
            } catch (IllegalArgumentException e) {
                rejected += report(errors, csv.line(), e.getMessage());
            }
            if (chunk.size() == CHUNK) {
                job = flush(job, chunk);
            }
        }
        if (accepted == 0) {
            throw ApiProblem.invalid(Map.of("csv", errors.isEmpty() ? "no line with a phone number"
                    : "no valid line; line " + errors.get(0).path("line").asInt() + ": "
                    + errors.get(0).path("error").asText()));
        }
        job = flush(job, chunk);
        if (rejected > 0) {
            int total = rejected;
            context.store().update("UPDATE enrolment_job SET rejected = :n WHERE id = :id",
                    Map.of("n", total, "id", job.id()));
        }
        BulkEnrolment.start(context, job);
        ObjectNode answer = EnrolmentJobs.find(context.store(), job.id()).orElseThrow().toJson()
                .put("accepted", accepted);
        answer.set("errors", errors);
        return new ApiResponse(202, answer);
    }

    private Job flush(Job job, List<EnrolmentJobs.Line> chunk) {
        if (job == null) {
            job = EnrolmentJobs.insert(context.store(), campaign.id(), "csv", null, Map.of(), 0,
                    context.clock().instant());
        }
        if (!chunk.isEmpty()) {
            EnrolmentJobs.addLines(context.store(), job.id(), chunk);
            chunk.clear();
        }
        return job;
    }

    /** The columns a header names; a first line that is a number means one column, phone, and no header. */
    private static List<String> header(List<String> record) {
        if (isPhone(record.getFirst())) {
            return List.of("phone");
        }
        List<String> columns = new ArrayList<>();
        for (String field : record) {
            String name = field.strip();
            String lower = name.toLowerCase(Locale.ROOT);
            columns.add(lower.equals("phone") || lower.equals("name") ? lower : name);
        }
        if (!columns.contains("phone")) {
            throw ApiProblem.invalid(Map.of("csv", "the first line names the columns, one of them phone"));
        }
        for (String column : columns) {
            if (!column.matches(COLUMN)) {
                throw ApiProblem.invalid(Map.of("csv", "column '" + column + "': a name of letters, digits and _"));
            }
        }
        return columns;
    }

    private static EnrolmentJobs.Line line(int number, List<String> columns, List<String> record) {
        if (record.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " fields expected, " + record.size() + " found");
        }
        String phone = null;
        String name = null;
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String value = record.get(i).strip();
            switch (columns.get(i)) {
                case "phone" -> phone = value.replaceAll("[\\s().-]", "");
                case "name" -> name = value.isEmpty() ? null : value;
                default -> variables.put(columns.get(i), value);
            }
        }
        if (!isPhone(phone)) {
            throw new IllegalArgumentException("'" + record.get(columns.indexOf("phone")).strip()
                    + "' is not a mobile number in E.164 format, for example +4915112345678");
        }
        return new EnrolmentJobs.Line(number, phone, name, variables);
    }

    private static boolean isPhone(String value) {
        return value != null && value.replaceAll("[\\s().-]", "").matches(E164);
    }

    private static int report(ArrayNode errors, int line, String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.addObject().put("line", line).put("error", error);
        }
        return 1;
    }
}
