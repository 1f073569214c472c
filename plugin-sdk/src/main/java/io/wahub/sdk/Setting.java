package io.wahub.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a settings record for the admin panel.
 *
 * <p>The field's JSON Schema type follows its Java type ({@code String} → string, {@code boolean} → boolean,
 * numbers → integer/number, {@code List<String>} → array). Constraints come from Bean Validation annotations
 * ({@code @NotBlank}, {@code @Min}, {@code @Pattern}, …), which the hub enforces when a tenant saves settings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Setting {

    /** Form label. */
    String label();

    /** One-line help shown under the field. */
    String help() default "";

    /**
     * A secret (API key, signing secret, token): encrypted at rest, never returned by the API, shown masked with
     * a "set new value" control.
     */
    boolean secret() default false;

    /** Allowed values, drawn as a select. Empty means free input. */
    String[] options() default {};

    /** Default value as text; empty means none. */
    String defaultValue() default "";

    /**
     * The address of an API the plugin calls through {@link PluginContext#http()} (a base URL, a store's URL). When
     * settings are saved the hub refuses, as a field error, a URL its outbound guard would refuse (plain http, a
     * loopback, private or link-local address); the guard checks again when it connects, which is the guarantee.
     */
    boolean outboundUrl() default false;
}
