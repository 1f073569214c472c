package io.wahub.hub.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.lang.NonNull;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link TenantAccessInterceptor} in front of every tenant-scoped API endpoint. */
@Configuration
public class TenantAccessConfiguration implements WebMvcConfigurer {

    private final TenantAccessInterceptor interceptor;

    public TenantAccessConfiguration(TenantAccessInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(@NonNull InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/v1/tenants/*", "/api/v1/tenants/*/**");
    }
}
