package io.wahub.hub.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The API description springdoc generates from the controllers: {@code /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}. Machines authenticate with an API key, the panel with its session cookie.
 */
@Configuration
@OpenAPIDefinition(
        info = @Info(title = "Wahub API", version = "v1", description = """
                Multi-tenant WhatsApp-commerce hub. Errors are RFC 7807 problem+json with a stable `type` \
                (https://wahub.dev/problems/<slug>). Rate-limited calls answer 429 with `Retry-After`."""),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "session")})
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "whk_live_…",
        description = "An API key: Authorization: Bearer whk_live_…")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
        paramName = "JSESSIONID", description = "Panel session from POST /api/v1/session; unsafe methods also "
        + "need the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header")
public class OpenApiConfiguration {
}
