package io.wahub.sdk;

/** A channel's acknowledgement of a message: its id for correlating later status updates. */
public record SendResult(String providerMessageId) {
}
