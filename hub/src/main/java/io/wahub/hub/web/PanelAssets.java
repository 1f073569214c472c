package io.wahub.hub.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How the admin panel's files are cached (compression: {@code server.compression.*} in application.properties).
 * Vite names every file under {@code /assets/} by a hash of its content, so a browser may keep them for a year
 * without asking again ({@code immutable}); {@code index.html} names the current ones and must be revalidated on
 * every load ({@code no-cache}), or a new release would not reach browsers that saw the old one.
 */
@Configuration
public class PanelAssets implements WebMvcConfigurer {

    static final String STATIC = "classpath:/static/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**").addResourceLocations(STATIC + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/index.html").addResourceLocations(STATIC)
                .setCacheControl(CacheControl.noCache());
    }
}
