package io.wahub.hub.outbound;

import io.wahub.hub.settings.SettingsCheck;
import io.wahub.sdk.Setting;
import io.wahub.sdk.http.OutboundFailure;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Refuses, when settings are saved, an {@link Setting#outboundUrl() outbound URL} the guard would refuse at call
 * time: plain http for a host not allowed it, user info, a literal or resolved non-public address of a host not
 * allow-listed. A courtesy, so the admin learns at once: the guard checks again when it connects (DNS answers change),
 * and a name that does not resolve now is not refused here.
 */
@Component
class OutboundUrlCheck implements SettingsCheck {

    private final OutboundGuard guard;

    OutboundUrlCheck(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public void check(Record settings, Map<String, String> errors) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            if (setting != null && setting.outboundUrl() && value(component, settings) instanceof String url
                    && !url.isBlank()) {
                refusal(url.strip()).ifPresent(reason -> errors.putIfAbsent(component.getName(), reason));
            }
        }
    }

    private java.util.Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return java.util.Optional.empty();
        }
        String what = "URL";
        try {
            guard.checkUrl(uri, what);
            if (uri.getHost() != null && OutboundGuard.literal(uri.getHost()).isEmpty()) {
                guard.checkResolved(uri.getHost(), InetAddress.getAllByName(uri.getHost()));
            }
            return java.util.Optional.empty();
        } catch (OutboundFailure failure) {
            return java.util.Optional.of(failure.getMessage().substring(what.length() + 2));
        } catch (OutboundGuard.BlockedHostException blocked) {
            return java.util.Optional.of(blocked.asFailure(what).getMessage().substring(what.length() + 2));
        } catch (UnknownHostException notResolvableNow) {
            return java.util.Optional.empty();
        }
    }

    private static Object value(RecordComponent component, Record settings) {
        try {
            return component.getAccessor().invoke(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("settings accessor " + component.getName() + " failed", e);
        }
    }
}
