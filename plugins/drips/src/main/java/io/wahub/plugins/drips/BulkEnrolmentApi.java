package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.plugins.drips.EnrolmentJobs.Job;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Bulk enrolment through the API: a segment of the tenant's contacts (tags and attributes) or a CSV file, each
 * answered at once with a job that {@link BulkEnrolment} works through page by page; the CSV's bad lines are
 * reported at once, line by line ({@link CsvEnrolment}).
 */
final class BulkEnrolmentApi {

    static final int MAX_TAGS = 20;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.post("/campaigns/{id}/enrolments/segment", "Enrols a segment of the contacts: {tags:"
                        + " [...], attributes: {...}, variables: {...}}; answers 202 with the job", null,
                        this::segment),
                ApiOperation.post("/campaigns/{id}/enrolments/csv", "Enrols the contacts of a CSV file (text/csv,"
                        + " column phone, optional name, others become variables); 202 with the job and the bad"
                        + " lines", null, this::csv),
                ApiOperation.get("/enrolment-jobs", "Bulk enrolments, newest first", this::list),
                ApiOperation.get("/enrolment-jobs/{id}", "A bulk enrolment's progress", this::find));
    }

    private ApiResponse segment(ApiRequest request, FeatureContext context) {
        Campaign campaign = activeCampaign(request, context);
        JsonNode body = request.body();
        Map<String, String> errors = new TreeMap<>();
        ObjectNode segment = NODES.objectNode();
        ArrayNode tags = segment.putArray("tags");
        JsonNode tagList = body.path("tags");
        if (!tagList.isMissingNode() && (!tagList.isArray() || tagList.size() > MAX_TAGS)) {
            errors.put("tags", "at most " + MAX_TAGS + " tags");
        }
        tagList.forEach(tag -> {
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > 64) {
                errors.put("tags", "tags of 1 to 64 characters");
            }
            tags.add(tag.asText());
        });
        ObjectNode attributes = segment.putObject("attributes");
        JsonNode attributeMap = body.path("attributes");
        if (!attributeMap.isMissingNode() && !attributeMap.isObject()) {
            errors.put("attributes", "an object of attribute name to value");
        }
        attributeMap.properties().forEach(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                errors.put("attributes." + e.getKey(), "a text, number or boolean");
            }
            attributes.put(e.getKey(), e.getValue().asText());
        });
        if (tags.isEmpty() && attributes.isEmpty() && errors.isEmpty()) {
            errors.put("tags", "a segment needs at least one tag or attribute");
        }
        Map<String, String> variables = variables(body, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Job job = EnrolmentJobs.insert(context.store(), campaign.id(), "segment", segment, variables, 0,
                context.clock().instant());
        BulkEnrolment.start(context, job);
        return new ApiResponse(202, job.toJson());
    }

    private ApiResponse csv(ApiRequest request, FeatureContext context) {
        Campaign campaign = activeCampaign(request, context);
        JsonNode body = request.body();
        String text = body.isTextual() ? body.asText() : body.path("csv").isTextual() ? body.get("csv").asText()
                : null;
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalid(Map.of("csv", "a CSV file (Content-Type: text/csv) with a phone column"));
        }
        return new CsvEnrolment(context, campaign).run(new StringReader(text));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        ArrayNode list = NODES.arrayNode();
        EnrolmentJobs.recent(context.store(), 200).forEach(job -> list.add(job.toJson()));
        return ApiResponse.ok(list);
    }

    private ApiResponse find(ApiRequest request, FeatureContext context) {
        String id = request.path("id");
        try {
            return ApiResponse.ok(EnrolmentJobs.find(context.store(), UUID.fromString(id))
                    .orElseThrow(() -> ApiProblem.notFound("Enrolment job " + id)).toJson());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Enrolment job " + id);
        }
    }

    static Campaign activeCampaign(ApiRequest request, FeatureContext context) {
        Campaign campaign = CampaignApi.find(request, context);
        if (!campaign.status().equals(Campaign.ACTIVE)) {
            throw new ApiProblem(409, "campaign-not-active", "Campaign not active", "Campaign " + campaign.id()
                    + " is " + campaign.status() + "; contacts enter active campaigns only.");
        }
        return campaign;
    }

    static Map<String, String> variables(JsonNode body, Map<String, String> errors) {
        Map<String, String> variables = new HashMap<>();
        JsonNode node = body.path("variables");
        if (!node.isMissingNode() && !node.isObject()) {
            errors.put("variables", "an object of variable name to text");
        }
        node.properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        return variables;
    }
}
