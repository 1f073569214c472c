package io.wahub.hub.feature;

import io.wahub.hub.message.MessageRepository;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.Contacts;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.OrderWriteBack;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.Timers;
import io.wahub.sdk.Templates;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import java.util.List;

/**
 * The {@link FeatureContext} of one run: the extension's own context (tenant, settings, clock, outbound HTTP) plus
 * the hub services features reach through {@link FeatureContexts}. Messages sent and timer changes are collected in
 * the run.
 */
final class FeatureRunContext implements FeatureContext {

    private final PluginContext base;
    private final FeatureContexts hub;
    private final List<OutboundMessage> sent;
    private final Timers timers;
    private final String featureId;
    private final boolean deferredDurability;
    private final Templates templates;

    FeatureRunContext(PluginContext base, FeatureContexts hub, List<OutboundMessage> sent, Timers timers,
                      String featureId, boolean deferredDurability, Templates templates) {
        this.templates = templates;
        this.base = base;
        this.hub = hub;
        this.sent = sent;
        this.timers = timers;
        this.featureId = featureId;
        this.deferredDurability = deferredDurability;
    }

    @Override
    public String tenantId() {
        return base.tenantId();
    }

    @Override
    public <S extends Record> S settings(Class<S> type) {
        return base.settings(type);
    }

    @Override
    public boolean configured() {
        return base.configured();
    }

    @Override
    public Clock clock() {
        return base.clock();
    }

    @Override
    public OutboundHttp http() {
        return base.http();
    }

    @Override
    public String send(OutboundMessage message) {
        sent.add(message);
        return MessageRepository.id(tenantId(), message.idempotencyKey()).toString();
    }

    @Override
    public int withdraw(java.util.Collection<String> idempotencyKeys) {
        return hub.withdraw(tenantId(), featureId, idempotencyKeys);
    }

    @Override
    public ChatResult chat(ChatRequest request) throws ChatFailure {
        return hub.chat(tenantId(), request);
    }

    @Override
    public FeatureStore store() {
        return hub.store(tenantId(), featureId, deferredDurability);
    }

    @Override
    public PaymentLinks.Link paymentLink(PaymentLinks.Request request) throws PaymentLinks.Failure {
        return hub.paymentLink(tenantId(), request);
    }

    @Override
    public Timers timers() {
        return timers;
    }

    @Override
    public Contacts contacts() {
        return hub.contacts(tenantId(), deferredDurability);
    }

    @Override
    public Templates templates() {
        return templates;
    }

    @Override
    public void writeBack(String source, OrderWriteBack.Update update) throws OrderWriteBack.Failure {
        hub.writeBack(tenantId(), source, update);
    }

    @Override
    public java.util.Optional<String> messageId(String providerMessageId) {
        return providerMessageId == null || providerMessageId.isBlank() ? java.util.Optional.empty()
                : hub.messageId(tenantId(), providerMessageId);
    }
}
