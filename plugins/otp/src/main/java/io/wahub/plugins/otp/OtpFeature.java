package io.wahub.plugins.otp;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import io.wahub.sdk.panel.PanelResource.Column;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * One-time passcodes over WhatsApp, with Twilio Verify's semantics: the tenant's systems start and check
 * verifications through the API ({@link OtpApi}); codes go out as the tenant's AUTHENTICATION template; durable
 * timers expire the codes nobody approved ({@link ExpirySweeps}), and a timer per tenant purges old rows
 * ({@link Housekeeping}). Reacts to no event.
 */
@Extension
public class OtpFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "otp";

    private final OtpApi api = new OtpApi();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "One-time passcodes (OTP)";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return OtpSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of();
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
    }

    @Override
    public void onTimer(Timer timer, FeatureContext context) {
        if (ExpirySweeps.isSweep(timer.key())
                || timer.key().startsWith("verification:") && timer.key().endsWith(":expiry")) {
            api.flow().expire(context, timer);
        } else if (timer.key().equals(Housekeeping.TIMER)) {
            api.flow().purge(context);
        }
    }

    @Override
    public List<ApiOperation> operations() {
        return api.operations();
    }

    /** The panel's Verifications page: the newest verifications, one in detail, cancel, and a form to send a code. */
    @Override
    public List<PanelResource> resources() {
        List<Column> fields = List.of(new Column("to", "Number", "text"), new Column("purpose", "Purpose", "text"),
                new Column("status", "Status", "status"), new Column("sendCount", "Codes sent", "number"),
                new Column("checksLeft", "Checks left", "number"), new Column("createdAt", "Started", "datetime"),
                new Column("expiresAt", "Expires", "datetime"));
        return List.of(new PanelResource("verifications", "Verifications",
                new PanelResource.Listing("/verifications", fields, List.of(
                        new PanelResource.Filter("status", "Status", Verification.STATUSES),
                        new PanelResource.Filter("to", "Number (E.164)", List.of()))),
                new PanelResource.Detail("/verifications/{id}", fields),
                List.of(new PanelResource.Action("cancel", "Cancel", "POST", "/verifications/{id}/cancel", true)),
                new PanelResource.Form("/verifications", NewVerification.class)));
    }
}
