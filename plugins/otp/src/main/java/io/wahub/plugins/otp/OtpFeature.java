package io.wahub.plugins.otp;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * One-time passcodes over WhatsApp, with Twilio Verify's semantics: the tenant's systems start and check
 * verifications through the API ({@link OtpApi}); codes go out as the tenant's AUTHENTICATION template; each
 * verification's durable timer expires it when nobody checked it. Reacts to no event.
 */
@Extension
public class OtpFeature implements Feature, FeatureApi {

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
        if (timer.key().startsWith("verification:") && timer.key().endsWith(":expiry")) {
            api.flow().expire(context, timer);
        }
    }

    @Override
    public List<ApiOperation> operations() {
        return api.operations();
    }
}
