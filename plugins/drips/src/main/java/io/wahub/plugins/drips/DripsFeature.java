package io.wahub.plugins.drips;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Templates;
import io.wahub.sdk.Timer;
import io.wahub.sdk.TimerRun;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import io.wahub.sdk.panel.PanelResource.Action;
import io.wahub.sdk.panel.PanelResource.Column;
import io.wahub.sdk.panel.PanelResource.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * Drip campaigns: journeys of waits, conditions, tags and MARKETING templates per contact, each enrolment on a
 * durable timer of its own ({@link Journey}); enrolment by trigger events ({@link Triggers}) or the API
 * ({@link CampaignApi}, {@link EnrolmentApi}); abandoned cart and post-purchase ready made ({@link Presets}).
 */
@Extension
public class DripsFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "drips";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Drip campaigns";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return DripsSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Triggers.EVENT_TYPES;
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        Triggers.on(event, context);
    }

    @Override
    public void onTimer(Timer timer, FeatureContext context) {
        UUID enrolment = enrolmentOf(timer);
        if (enrolment != null) {
            Journey.due(context, enrolment);
        } else if (timer.key().startsWith(BulkEnrolment.TIMER_PREFIX)) {
            BulkEnrolment.page(context, UUID.fromString(timer.key().substring(BulkEnrolment.TIMER_PREFIX.length())));
        }
    }

    /** Enrolments' steps due together run as a batch ({@link StepBatch}); any other timer on its own. */
    @Override
    public void onTimers(List<TimerRun> runs) {
        Map<UUID, TimerRun> steps = new LinkedHashMap<>();
        for (TimerRun run : runs) {
            UUID enrolment = enrolmentOf(run.timer());
            if (enrolment == null) {
                onTimer(run.timer(), run.context());
            } else {
                steps.put(enrolment, run);
            }
        }
        if (!steps.isEmpty()) {
            StepBatch.due(steps);
        }
    }

    /** The enrolment whose step the timer is ({@link Enrolment#timerKey}), or null. */
    private static UUID enrolmentOf(Timer timer) {
        int at = timer.key().lastIndexOf(":enrolment:");
        return timer.key().startsWith("campaign:") && at > 0
                ? UUID.fromString(timer.key().substring(at + ":enrolment:".length())) : null;
    }

    @Override
    public List<Templates.Draft> templates() {
        return Presets.templates();
    }

    @Override
    public List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>(new CampaignApi().operations());
        operations.addAll(new EnrolmentApi().operations());
        operations.addAll(new BulkEnrolmentApi().operations());
        return List.copyOf(operations);
    }

    @Override
    public List<PanelResource> resources() {
        return List.of(new PanelResource("campaigns", "Campaigns",
                new PanelResource.Listing("/campaigns", List.of(new Column("name", "Name", "text"),
                        new Column("trigger", "Trigger", "text"), new Column("status", "Status", "status"),
                        new Column("version", "Version", "number"), new Column("updatedAt", "Changed", "datetime")),
                        List.of(new Filter("status", "Status", List.of("draft", "active", "paused", "archived")))),
                new PanelResource.Detail("/campaigns/{id}", List.of(new Column("name", "Name", "text"),
                        new Column("trigger", "Trigger", "text"), new Column("status", "Status", "status"),
                        new Column("version", "Version", "number"), new Column("holdoutPercent", "Holdout %",
                                "number"), new Column("createdAt", "Created", "datetime"))),
                List.of(new Action("activate", "Activate", "POST", "/campaigns/{id}/activate", false),
                        new Action("pause", "Pause", "POST", "/campaigns/{id}/pause", false),
                        new Action("resume", "Resume", "POST", "/campaigns/{id}/resume", false),
                        new Action("archive", "Archive", "POST", "/campaigns/{id}/archive", true)),
                null),
                new PanelResource("enrolment-jobs", "Bulk enrolments",
                        new PanelResource.Listing("/enrolment-jobs", List.of(new Column("kind", "Kind", "text"),
                                new Column("status", "Status", "status"), new Column("enrolled", "Enrolled", "number"),
                                new Column("skipped", "Skipped", "number"), new Column("rejected", "Bad lines",
                                        "number"), new Column("createdAt", "Started", "datetime")), List.of()),
                        new PanelResource.Detail("/enrolment-jobs/{id}", List.of(new Column("campaignId",
                                "Campaign", "text"), new Column("kind", "Kind", "text"),
                                new Column("status", "Status", "status"), new Column("enrolled", "Enrolled", "number"),
                                new Column("skipped", "Skipped", "number"), new Column("rejected", "Bad lines",
                                        "number"), new Column("finishedAt", "Finished", "datetime"))),
                        List.of(), null));
    }
}
