package io.wahub.hub.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, instead of {@link TenantScoped}, that an endpoint under {@code /api/v1/tenants/{tenant}} serves a
 * feature's API, whose scope depends on the feature and operation called: {@link TenantAccessInterceptor} checks
 * only that the caller may see the tenant (404), and the handler must call
 * {@link TenantAccessInterceptor#checkFeature} before doing anything.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FeatureScoped {
}
