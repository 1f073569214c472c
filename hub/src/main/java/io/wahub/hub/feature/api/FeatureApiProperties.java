package io.wahub.hub.feature.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Features' HTTP APIs ({@code wahub.features.api.*}).
 *
 * @param callsPerMinute calls per minute per tenant and feature, whoever calls (keys and people); more answer 429.
 *                       Keys' own and their plan's limits apply on top
 * @param maxBodyBytes   the largest request body an operation accepts; a larger one answers 413
 */
@ConfigurationProperties("wahub.features.api")
public record FeatureApiProperties(@DefaultValue("6000") long callsPerMinute,
                                   @DefaultValue("64KB") DataSize maxBodyBytes) {
}
