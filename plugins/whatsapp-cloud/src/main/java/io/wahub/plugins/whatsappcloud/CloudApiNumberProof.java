package io.wahub.plugins.whatsappcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.sdk.Json;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.RoutingKeyProof;
import io.wahub.sdk.SendFailure;
import io.wahub.sdk.http.OutboundFailure;
import io.wahub.sdk.http.OutboundRequest;
import io.wahub.sdk.http.OutboundResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Proves a tenant controls a phone number id: {@code GET {baseUrl}/{apiVersion}/{phone-number-id}?fields=id} with
 * the tenant's access token must answer 200 with that {@code id}. Meta answers so only for a token of the business
 * that owns the number. The hub lets this call reach only the hosts it trusts for proofs (the Graph API), so a base
 * URL pointing at the tenant's own server proves nothing.
 */
final class CloudApiNumberProof {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = Json.newMapper();

    private CloudApiNumberProof() {
    }

    static RoutingKeyProof prove(String phoneNumberId, PluginContext context) {
        if (!context.configured()) {
            return RoutingKeyProof.notProven("WhatsApp Cloud API is not configured");
        }
        WhatsAppCloudSettings settings = context.settings(WhatsAppCloudSettings.class);
        if (settings.accessToken() == null || settings.accessToken().isBlank()) {
            return RoutingKeyProof.notProven("the accessToken setting is needed to prove phone number id "
                    + phoneNumberId);
        }
        OutboundRequest request;
        try {
            request = OutboundRequest.get(WhatsAppCloudChannel.endpoint(settings, "?fields=id"))
                    .header("Authorization", "Bearer " + settings.accessToken())
                    .header("Accept", "application/json")
                    .timeout(TIMEOUT)
                    .attempts(2);
        } catch (SendFailure badConfig) {
            return RoutingKeyProof.notProven(badConfig.getMessage());
        }
        OutboundResponse response;
        try {
            response = context.http().send(request);
        } catch (OutboundFailure failure) {
            return RoutingKeyProof.notProven("the Graph API could not be asked (" + failure.code() + "): "
                    + failure.getMessage());
        }
        JsonNode body = parse(response);
        if (response.status() == 200 && phoneNumberId.equals(body.path("id").asText(null))) {
            return RoutingKeyProof.proven("the Graph API confirmed the access token controls phone number id "
                    + phoneNumberId);
        }
        String message = body.path("error").path("message").asText("");
        return RoutingKeyProof.notProven("the Graph API did not confirm phone number id " + phoneNumberId
                + " for the access token (HTTP " + response.status()
                + (message.isBlank() ? "" : ": " + request.safeText(message)) + ")");
    }

    private static JsonNode parse(OutboundResponse response) {
        try {
            return response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
