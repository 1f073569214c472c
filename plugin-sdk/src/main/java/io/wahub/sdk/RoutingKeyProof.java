package io.wahub.sdk;

import java.util.Objects;

/**
 * The outcome of {@link WebhookConnector#proveRoutingKey}: whether the tenant showed it controls a routing key.
 *
 * @param proven whether the proof succeeded
 * @param detail what was checked and what came of it, fit to show the tenant's admin (no secrets, no raw answers)
 */
public record RoutingKeyProof(boolean proven, String detail) {

    public RoutingKeyProof {
        Objects.requireNonNull(detail, "detail");
    }

    public static RoutingKeyProof proven(String detail) {
        return new RoutingKeyProof(true, detail);
    }

    public static RoutingKeyProof notProven(String detail) {
        return new RoutingKeyProof(false, detail);
    }
}
