package io.wahub.hub.feature.api;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.wahub.hub.feature.api.FeatureOperations.Mounted;
import io.wahub.sdk.api.ApiOperation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lists every feature operation in the OpenAPI document ({@code /v3/api-docs}): its path under
 * {@code /api/v1/tenants/{tenant}/features/{feature}}, tagged {@code feature <id>}, with its summary, path variables,
 * request body schema as the feature declared it, and the scope it needs.
 */
@Component
class FeatureApiDocs implements OpenApiCustomizer {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    private final FeatureOperations operations;

    FeatureApiDocs(FeatureOperations operations) {
        this.operations = operations;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        operations.all().forEach((featureId, mounted) -> {
            for (Mounted one : mounted) {
                ApiOperation operation = one.operation();
                String path = "/api/v1/tenants/{tenant}/features/" + featureId + operation.path();
                PathItem item = openApi.getPaths().computeIfAbsent(path, p -> new PathItem());
                item.operation(PathItem.HttpMethod.valueOf(operation.method()), document(featureId, operation));
            }
        });
    }

    private static Operation document(String featureId, ApiOperation operation) {
        Operation documented = new Operation().summary(operation.summary())
                .description("Needs the API key scope `feature:" + featureId + "` (or `feature:*`)"
                        + (operation.write() ? "; people need the owner or admin role." : "; any member may call it."))
                .operationId(featureId + "_" + operation.method().toLowerCase(java.util.Locale.ROOT)
                        + operation.path().replaceAll("[^A-Za-z0-9]+", "_"))
                .addTagsItem("feature " + featureId)
                .addParametersItem(new PathParameter().name("tenant").schema(new StringSchema()));
        Matcher variables = VARIABLE.matcher(operation.path());
        while (variables.find()) {
            documented.addParametersItem(new PathParameter().name(variables.group(1)).schema(new StringSchema()));
        }
        if (operation.requestSchema() != null) {
            Schema<?> schema = Json.mapper().convertValue(operation.requestSchema(), Schema.class);
            documented.requestBody(new RequestBody().required(true).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(schema))));
        }
        return documented.responses(new ApiResponses()
                .addApiResponse("2XX", new ApiResponse().description("The feature's answer (JSON)"))
                .addApiResponse("default", new ApiResponse().description("RFC 7807 problem+json")));
    }
}
