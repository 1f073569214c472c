package io.wahub.sdk;

import java.util.Objects;

/**
 * Creates hosted payment pages (a Stripe Checkout Session, …) that a feature can send to a customer.
 *
 * <p>Features call {@link FeatureContext#paymentLink}; the hub routes the request to the provider the tenant
 * configured. {@link #create} is synchronous and does its own bounded retries of transient failures, reusing one
 * idempotency key derived from {@link Request#invoiceId()} so a retried (or repeated) request never creates a second
 * payment page for the same invoice.
 */
public interface PaymentLinks extends WahubExtension {

    /**
     * Creates (or, for an invoice seen before, returns again) the payment page for one invoice.
     *
     * @throws Failure when the provider refused or could not be reached after its retries
     */
    Link create(Request request, PluginContext context) throws Failure;

    /**
     * What to charge.
     *
     * @param invoiceId     the shop's invoice or order id; the idempotency key and the page's reference
     * @param currency      ISO 4217 code
     * @param amountMinor   amount in the currency's minor unit (cents)
     * @param description   what the customer sees as the item
     * @param customerEmail prefilled e-mail, or {@code null}
     * @param successUrl    where the customer lands after paying
     */
    record Request(String invoiceId, String currency, long amountMinor, String description, String customerEmail,
                   String successUrl) {
        public Request {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(successUrl, "successUrl");
            if (amountMinor <= 0) {
                throw new IllegalArgumentException("amountMinor must be positive");
            }
        }
    }

    /**
     * A payment page.
     *
     * @param id  the provider's id (for Stripe: the checkout session {@code cs_…}); payment events refer to it
     * @param url the page to send to the customer
     */
    record Link(String id, String url) {
    }

    /** A payment page that could not be created; codes such as {@code http-402} or {@code no-payment-provider}. */
    class Failure extends ConnectorFailure {
        public Failure(String code, String detail, boolean transientFailure, Throwable cause) {
            super(code, detail, transientFailure, cause);
        }
    }
}
