package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.PhoneNumbers;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Enrolling and removing contacts by hand, listing a campaign's enrolments, and its figures. */
final class EnrolmentApi {

    static final int MAX_PHONES = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.post("/campaigns/{id}/enrolments", "Enrols contacts: {phones: [...], variables: {...}}",
                        null, this::enrol),
                ApiOperation.get("/campaigns/{id}/enrolments", "The campaign's enrolments, newest first", this::list),
                ApiOperation.delete("/campaigns/{id}/enrolments/{phone}", "Removes a contact: their pending steps"
                        + " are cancelled at once", this::remove),
                ApiOperation.get("/campaigns/{id}/figures", "Figures per campaign and step, the holdout apart",
                        (r, c) -> ApiResponse.ok(Figures.of(c, CampaignApi.find(r, c)))));
    }

    private ApiResponse enrol(ApiRequest request, FeatureContext context) {
        Campaign campaign = CampaignApi.find(request, context);
        Map<String, String> errors = new TreeMap<>();
        JsonNode phones = request.body().path("phones");
        if (!phones.isArray() || phones.isEmpty() || phones.size() > MAX_PHONES) {
            errors.put("phones", "1 to " + MAX_PHONES + " numbers in E.164 format");
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            String phone = phones.get(i).asText("");
            if (!PhoneNumbers.isE164(phone)) {
                errors.put("phones[" + i + "]", "a mobile number in E.164 format, for example +4915112345678");
            }
            numbers.add(phone);
        }
        Map<String, String> variables = new HashMap<>();
        request.body().path("variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (!campaign.status().equals(Campaign.ACTIVE)) {
            throw new ApiProblem(409, "campaign-not-active", "Campaign not active", "Campaign " + campaign.id()
                    + " is " + campaign.status() + "; contacts enter active campaigns only.");
        }
        ObjectNode answer = NODES.objectNode();
        ArrayNode enrolled = answer.putArray("enrolled");
        ArrayNode skipped = answer.putArray("skipped");
        List<Entry.Entrant> entrants = numbers.stream().distinct().map(phone -> new Entry.Entrant(phone, variables))
                .toList();
        entrants.forEach(entrant -> context.contacts().upsert(io.wahub.sdk.Contacts.Update.phone(entrant.phone())));
        List<Optional<String>> refusals = Entry.enrol(context, campaign, entrants);
        for (int i = 0; i < entrants.size(); i++) {
            String phone = entrants.get(i).phone();
            if (refusals.get(i).isPresent()) {
                skipped.addObject().put("phone", phone).put("reason", refusals.get(i).get());
            } else {
                enrolled.add(phone);
            }
        }
        return ApiResponse.ok(answer);
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        Campaign campaign = CampaignApi.find(request, context);
        ArrayNode list = NODES.arrayNode();
        Enrolments.list(context.store(), campaign.id(), 1000).forEach(e -> list.add(e.toJson()));
        return ApiResponse.ok(list);
    }

    private ApiResponse remove(ApiRequest request, FeatureContext context) {
        Campaign campaign = CampaignApi.find(request, context);
        String phone = request.path("phone");
        var enrolment = Enrolments.active(context.store(), campaign.id(), phone)
                .orElseThrow(() -> ApiProblem.notFound("An active enrolment of " + phone + " in campaign "
                        + campaign.id()));
        Journey.exit(context, enrolment, "removed");
        return ApiResponse.ok(Enrolments.find(context.store(), enrolment.id()).orElseThrow().toJson());
    }

}
