package io.wahub.sdk;

/** WhatsApp's conversation categories; they decide pricing, metering and whether opt-in is needed. */
public enum MessageCategory {
    AUTHENTICATION, UTILITY, MARKETING, SERVICE
}
