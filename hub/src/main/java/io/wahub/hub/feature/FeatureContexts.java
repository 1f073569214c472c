package io.wahub.hub.feature;

import io.wahub.hub.contact.ContactService;
import io.wahub.hub.contact.TenantContacts;
import io.wahub.hub.feature.state.FeatureStores;
import io.wahub.hub.llm.TenantChat;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.payment.TenantPaymentLinks;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.policy.MessageWithdrawals;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.timer.RunTimers;
import io.wahub.hub.template.TemplateResolver;
import io.wahub.hub.template.TenantTemplates;
import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PaymentLinks;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Opens {@link FeatureRun}s: a feature's context for one run, whatever runs it (an event, a timer or an API call).
 * Holds the hub services a {@link FeatureRunContext} reaches: the tenant's chat model and payment provider are
 * called at once, each call bounded by {@code wahub.features.call-timeout}, and so are withdrawals of queued
 * messages; messages and timer changes are collected in the run.
 */
@Component
public class FeatureContexts {

    private final HubContexts contexts;
    private final TenantChat chat;
    private final TenantPaymentLinks payments;
    private final FeatureProperties properties;
    private final ContactService contacts;
    private final TenantTemplates templates;
    private final FeatureStores stores;
    private final Tenants tenants;
    private final ExtensionRegistry extensions;
    private final MessageWithdrawals withdrawals;
    private final MessageRepository messages;
    private final TemplateResolver resolver;

    public FeatureContexts(HubContexts contexts, TenantChat chat, TenantPaymentLinks payments,
                           FeatureProperties properties, ContactService contacts, TenantTemplates templates,
                           FeatureStores stores, Tenants tenants, ExtensionRegistry extensions,
                           MessageWithdrawals withdrawals, MessageRepository messages, TemplateResolver resolver) {
        this.messages = messages;
        this.resolver = resolver;
        this.contexts = contexts;
        this.chat = chat;
        this.payments = payments;
        this.properties = properties;
        this.contacts = contacts;
        this.templates = templates;
        this.stores = stores;
        this.tenants = tenants;
        this.extensions = extensions;
        this.withdrawals = withdrawals;
    }

    /** A run of {@code feature} for the tenant. */
    public FeatureRun open(String tenantId, Feature feature) {
        return open(tenantId, feature, false);
    }

    /**
     * A run of {@code feature} for the tenant whose store commits do not wait for the disk
     * ({@link FeatureStores#forTenantDeferred}): only for a run the caller follows with a synchronous commit before it
     * answers (an API call that writes: its audit entry), or whose work is redone when lost (a dispatched event or
     * timer: should the database crash, the event is dispatched again and the feature, idempotent as it must be,
     * writes again).
     */
    public FeatureRun openDeferred(String tenantId, Feature feature) {
        return open(tenantId, feature, true);
    }

    private FeatureRun open(String tenantId, Feature feature, boolean deferredDurability) {
        List<OutboundMessage> sent = new ArrayList<>();
        RunTimers timers = new RunTimers(tenantId, feature.id());
        TemplateResolver.Memo read = resolver.memo();
        return new FeatureRun(new FeatureRunContext(contexts.forExtension(tenantId, feature), this, sent, timers,
                feature.id(), deferredDurability, templates.forTenant(tenantId, read)), sent, timers, read);
    }

    ChatResult chat(String tenantId, ChatRequest request) throws ChatFailure {
        return CallDeadline.within(properties.callTimeout(), "The chat model", ChatFailure.class,
                (code, detail) -> new ChatFailure(code, detail, true, null), () -> chat.chat(tenantId, request));
    }

    FeatureStore store(String tenantId, String featureId, boolean deferredDurability) {
        return deferredDurability ? stores.forTenantDeferred(tenantId, featureId)
                : stores.forTenant(tenantId, featureId);
    }

    PaymentLinks.Link paymentLink(String tenantId, PaymentLinks.Request request) throws PaymentLinks.Failure {
        return CallDeadline.within(properties.callTimeout(), "The payment provider", PaymentLinks.Failure.class,
                (code, detail) -> new PaymentLinks.Failure(code, detail, true, null),
                () -> payments.create(tenantId, request));
    }

    Contacts contacts(String tenantId, boolean deferredDurability) {
        boolean window = tenants.find(tenantId).flatMap(tenant -> extensions.channel(tenant.channel()))
                .map(ChannelConnector::keepsCustomerServiceWindow).orElse(true);
        return new TenantContacts(contacts, tenantId, "feature", window, deferredDurability);
    }

    void writeBack(String tenantId, String source, OrderWriteBack.Update update) throws OrderWriteBack.Failure {
        OrderWriteBack store = extensions.orderWriteBack(source).orElseThrow(() -> new OrderWriteBack.Failure(
                "no-write-back", "no installed connector '" + source + "' writes orders back", false, null));
        var context = contexts.forExtension(tenantId, store);
        if (!context.configured()) {
            throw new OrderWriteBack.Failure("not-configured", "tenant " + tenantId + " has no settings for "
                    + source, false, null);
        }
        CallDeadline.within(properties.callTimeout(), "The store", OrderWriteBack.Failure.class,
                (code, detail) -> new OrderWriteBack.Failure(code, detail, true, null), () -> {
                    store.write(update, context);
                    return null;
                });
    }

    int withdraw(String tenantId, String featureId, java.util.Collection<String> idempotencyKeys) {
        return withdrawals.withdraw(tenantId, featureId, idempotencyKeys);
    }

    java.util.Optional<String> messageId(String tenantId, String providerMessageId) {
        return messages.idByProviderId(tenantId, providerMessageId).map(java.util.UUID::toString);
    }
}
