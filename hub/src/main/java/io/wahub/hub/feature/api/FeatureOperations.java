package io.wahub.hub.feature.api;

import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.sdk.Feature;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The operations of every installed feature with an API ({@link FeatureApi}), read once at start and matched by
 * method and path template (Spring's {@link PathPattern}s, as controllers' are).
 */
@Component
public class FeatureOperations {

    /** An operation with its compiled path. */
    record Mounted(Feature feature, ApiOperation operation, PathPattern pattern) {
    }

    /** What a request's method and path came to. */
    sealed interface Lookup {
    }

    /** The operation called, with the path's variables decoded. */
    record Found(Mounted mounted, Map<String, String> pathVariables) implements Lookup {
    }

    /** The path is an operation's, but not with this method. */
    record WrongMethod(Set<String> allowed) implements Lookup {
    }

    /** No operation has this path. */
    record NotFound() implements Lookup {
    }

    private final Map<String, List<Mounted>> byFeature = new LinkedHashMap<>();

    public FeatureOperations(ExtensionRegistry extensions) {
        PathPatternParser parser = new PathPatternParser();
        for (Feature feature : extensions.features()) {
            if (feature instanceof FeatureApi api) {
                List<Mounted> mounted = new ArrayList<>();
                for (ApiOperation operation : api.operations()) {
                    mounted.add(new Mounted(feature, operation, parser.parse(operation.path())));
                }
                byFeature.put(feature.id(), List.copyOf(mounted));
            }
        }
    }

    /** The feature's operations; empty when it has none (or is not installed). */
    public List<Mounted> of(String featureId) {
        return byFeature.getOrDefault(featureId, List.of());
    }

    /** Every feature's operations, by feature id. */
    public Map<String, List<Mounted>> all() {
        return byFeature;
    }

    /** The feature's operation for {@code method} and {@code path} (below the feature's base, still encoded). */
    Lookup find(String featureId, String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<String> allowed = new TreeSet<>();
        for (Mounted mounted : of(featureId)) {
            PathPattern.PathMatchInfo match = mounted.pattern().matchAndExtract(container);
            if (match == null) {
                continue;
            }
            if (mounted.operation().method().equals(method)) {
                return new Found(mounted, match.getUriVariables());
            }
            allowed.add(mounted.operation().method());
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }
}
