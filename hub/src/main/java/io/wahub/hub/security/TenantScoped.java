package io.wahub.hub.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the scope an endpoint under {@code /api/v1/tenants/{tenant}} needs. {@link TenantAccessInterceptor}
 * enforces it before the handler runs, and refuses handlers that lack it, so a new endpoint cannot be forgotten.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantScoped {
    Scope value();
}
