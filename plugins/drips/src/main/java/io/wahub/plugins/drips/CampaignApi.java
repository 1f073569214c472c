package io.wahub.plugins.drips;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Campaigns through the feature's API: create, read, edit (a new version), the life cycle draft → active ⇄ paused →
 * archived, and the ready-made presets. Enrolments and figures are in {@link EnrolmentApi}.
 */
final class CampaignApi {

    static final Set<String> TRIGGERS = Set.of(EventTypes.CHECKOUT_CREATED, EventTypes.ORDER_FULFILLED,
            EventTypes.CONTACT_CREATED, "api");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.get("/campaigns", "Lists the campaigns (filter: status)", this::list),
                ApiOperation.post("/campaigns", "Creates a campaign as a draft", null, this::create),
                ApiOperation.get("/campaigns/{id}", "Reads a campaign", (r, c) -> ApiResponse.ok(find(r, c).toJson())),
                new ApiOperation("PUT", "/campaigns/{id}", true, "Edits a campaign: a new version, which the"
                        + " contacts already in it follow from their current step on", null, this::edit),
                ApiOperation.post("/campaigns/{id}/activate", "Starts a draft campaign", null,
                        (r, c) -> move(r, c, Campaign.DRAFT, Campaign.ACTIVE)),
                ApiOperation.post("/campaigns/{id}/pause", "Pauses a campaign; contacts keep their position", null,
                        (r, c) -> move(r, c, Campaign.ACTIVE, Campaign.PAUSED)),
                ApiOperation.post("/campaigns/{id}/resume", "Resumes a paused campaign where each contact was", null,
                        (r, c) -> move(r, c, Campaign.PAUSED, Campaign.ACTIVE)),
                ApiOperation.post("/campaigns/{id}/archive", "Archives a campaign and ends every journey in it", null,
                        (r, c) -> move(r, c, null, Campaign.ARCHIVED)),
                ApiOperation.post("/presets/{preset}", "Switches on a ready-made campaign (abandoned-cart,"
                        + " post-purchase)", null, this::preset));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        ArrayNode list = NODES.arrayNode();
        Campaigns.all(context.store(), request.query("status")).forEach(c -> list.add(c.toJson()));
        return ApiResponse.ok(list);
    }

    private ApiResponse create(ApiRequest request, FeatureContext context) {
        return ApiResponse.created(create(context, request.body(), null).toJson());
    }

    private Campaign create(FeatureContext context, JsonNode body, String preset) {
        Map<String, String> errors = new TreeMap<>();
        String name = name(body, errors);
        String trigger = DefinitionReader.text(body, "trigger");
        if (trigger == null || !TRIGGERS.contains(trigger)) {
            errors.put("trigger", "one of api, checkout.created, contact.created, order.fulfilled");
        }
        Definition definition = DefinitionReader.definition(body, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return Campaigns.insert(context.store(), name, trigger, definition, preset, context.clock().instant());
    }

    private ApiResponse edit(ApiRequest request, FeatureContext context) {
        Campaign campaign = find(request, context);
        if (campaign.status().equals(Campaign.ARCHIVED)) {
            throw new ApiProblem(409, "campaign-archived", "Campaign archived", "Campaign " + campaign.id()
                    + " is archived and cannot change.");
        }
        Map<String, String> errors = new TreeMap<>();
        String name = name(request.body(), errors);
        Definition definition = DefinitionReader.definition(request.body(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (!campaign.status().equals(Campaign.DRAFT)) {
            checkTemplates(context, definition);
        }
        return ApiResponse.ok(Campaigns.update(context.store(), campaign, name, definition,
                context.clock().instant()).toJson());
    }

    private ApiResponse move(ApiRequest request, FeatureContext context, String from, String to) {
        Campaign campaign = find(request, context);
        boolean allowed = from == null ? !campaign.status().equals(Campaign.ARCHIVED) : campaign.status().equals(from);
        if (!allowed) {
            throw new ApiProblem(409, "invalid-transition", "Invalid transition", "Campaign " + campaign.id()
                    + " is " + campaign.status() + "; it cannot become " + to + ".");
        }
        return ApiResponse.ok(transition(context, campaign, to).toJson());
    }

    private Campaign transition(FeatureContext context, Campaign campaign, String to) {
        Instant now = context.clock().instant();
        if (to.equals(Campaign.ACTIVE) && campaign.status().equals(Campaign.DRAFT)) {
            checkTemplates(context, campaign.definition());
        }
        Campaigns.status(context.store(), campaign.id(), to, now);
        switch (to) {
            case Campaign.PAUSED -> context.timers().cancelPrefix(Enrolment.campaignPrefix(campaign.id()));
            case Campaign.ACTIVE -> Enrolments.activeIn(context.store(), campaign.id()).forEach(e ->
                    context.timers().schedule(e.timerKey(), e.dueAt() == null || e.dueAt().isBefore(now) ? now
                            : e.dueAt(), null));
            case Campaign.ARCHIVED -> {
                Enrolments.activeIn(context.store(), campaign.id()).forEach(e -> Journey.exit(context, e, "archived"));
                context.timers().cancelPrefix(Enrolment.campaignPrefix(campaign.id()));
            }
            default -> {
            }
        }
        return Campaigns.find(context.store(), campaign.id()).orElseThrow();
    }

    private ApiResponse preset(ApiRequest request, FeatureContext context) {
        String preset = request.path("preset");
        JsonNode body = Presets.request(preset);
        if (body == null) {
            throw ApiProblem.notFound("Preset " + preset + " (there are " + String.join(", ", Presets.names()) + ")");
        }
        Campaign campaign = Campaigns.byPreset(context.store(), preset)
                .orElseGet(() -> create(context, body, preset));
        if (campaign.status().equals(Campaign.ACTIVE)) {
            return ApiResponse.ok(campaign.toJson());
        }
        return ApiResponse.created(transition(context, campaign, Campaign.ACTIVE).toJson());
    }

    /** Every send step's template must be one of the tenant's MARKETING templates. */
    private static void checkTemplates(FeatureContext context, Definition definition) {
        Map<String, String> errors = new TreeMap<>();
        List<Step> steps = definition.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.template() == null) {
                continue;
            }
            var info = context.templates().find(step.template(), step.language());
            if (info.isEmpty()) {
                errors.put("steps[" + i + "].template", "you have no template " + step.template()
                        + (step.language() == null ? "" : " in " + step.language()));
            } else if (info.get().category() != MessageCategory.MARKETING) {
                errors.put("steps[" + i + "].template", step.template() + " is a " + info.get().category()
                        + " template; campaigns send MARKETING templates");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }

    static Campaign find(ApiRequest request, FeatureContext context) {
        try {
            return Campaigns.find(context.store(), UUID.fromString(request.path("id")))
                    .orElseThrow(() -> ApiProblem.notFound("Campaign " + request.path("id")));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("Campaign " + request.path("id"));
        }
    }

    private static String name(JsonNode body, Map<String, String> errors) {
        String name = DefinitionReader.text(body, "name");
        if (name == null || name.length() > 200) {
            errors.put("name", "1 to 200 characters");
        }
        return name;
    }

}
