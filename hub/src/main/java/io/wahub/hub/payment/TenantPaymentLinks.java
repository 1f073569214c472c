package io.wahub.hub.payment;

import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.sdk.PaymentLinks;
import org.springframework.stereotype.Service;

/**
 * Routes a feature's payment page request to the provider its tenant configured: the first installed
 * {@link PaymentLinks} extension for which the tenant saved settings.
 */
@Service
public class TenantPaymentLinks {

    private final ExtensionRegistry extensions;
    private final HubContexts contexts;

    public TenantPaymentLinks(ExtensionRegistry extensions, HubContexts contexts) {
        this.extensions = extensions;
        this.contexts = contexts;
    }

    public PaymentLinks.Link create(String tenantId, PaymentLinks.Request request) throws PaymentLinks.Failure {
        for (PaymentLinks provider : extensions.paymentLinks()) {
            var context = contexts.forExtension(tenantId, provider);
            if (context.configured()) {
                return provider.create(request, context);
            }
        }
        throw new PaymentLinks.Failure("no-payment-provider", "tenant " + tenantId
                + " has configured no payment provider (installed: "
                + extensions.paymentLinks().stream().map(PaymentLinks::id).toList() + ")", false, null);
    }
}
