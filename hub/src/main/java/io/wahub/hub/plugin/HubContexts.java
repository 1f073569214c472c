package io.wahub.hub.plugin;

import io.wahub.hub.outbound.OutboundClient;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PaymentLinks;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.WahubExtension;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Builds the contexts the hub hands to extensions: one tenant, that extension's settings, the hub's clock. */
@Component
public class HubContexts {

    private final ExtensionSettingsService settings;
    private final Clock clock;
    private final OutboundClient outbound;

    public HubContexts(ExtensionSettingsService settings, Clock clock, OutboundClient outbound) {
        this.settings = settings;
        this.clock = clock;
        this.outbound = outbound;
    }

    public PluginContext forExtension(String tenantId, WahubExtension extension) {
        return new ExtensionContext(tenantId, extension);
    }

    /** Answers a feature's chat request for its tenant (the hub's {@code TenantChat}). */
    @FunctionalInterface
    public interface Chat {
        ChatResult chat(String tenantId, ChatRequest request) throws ChatFailure;
    }

    /** Creates a payment page for a feature's tenant (the hub's {@code TenantPaymentLinks}). */
    @FunctionalInterface
    public interface Payments {
        PaymentLinks.Link create(String tenantId, PaymentLinks.Request request) throws PaymentLinks.Failure;
    }

    /**
     * A feature's context; {@code sender} queues a message and returns its id, {@code chat} answers chats,
     * {@code payments} creates payment pages.
     */
    public FeatureContext forFeature(String tenantId, WahubExtension feature,
                                     Function<OutboundMessage, String> sender, Chat chat, Payments payments) {
        return new FeatureExtensionContext(tenantId, feature, sender, chat, payments);
    }

    private class ExtensionContext implements PluginContext {

        private final String tenantId;
        private final WahubExtension extension;

        ExtensionContext(String tenantId, WahubExtension extension) {
            this.tenantId = tenantId;
            this.extension = extension;
        }

        @Override
        public String tenantId() {
            return tenantId;
        }

        @Override
        public <S extends Record> S settings(Class<S> type) {
            if (type != extension.settingsType()) {
                throw new IllegalStateException(extension.id() + " asked for " + type.getName()
                        + " but declares " + extension.settingsType().getName());
            }
            return type.cast(settings.bind(tenantId, extension).settings());
        }

        @Override
        public boolean configured() {
            return settings.bind(tenantId, extension).configured();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public OutboundHttp http() {
            return outbound.forExtension(tenantId, extension.id());
        }
    }

    private final class FeatureExtensionContext extends ExtensionContext implements FeatureContext {

        private final Function<OutboundMessage, String> sender;
        private final Chat chat;
        private final Payments payments;

        FeatureExtensionContext(String tenantId, WahubExtension feature, Function<OutboundMessage, String> sender,
                                Chat chat, Payments payments) {
            super(tenantId, feature);
            this.sender = sender;
            this.chat = chat;
            this.payments = payments;
        }

        @Override
        public PaymentLinks.Link paymentLink(PaymentLinks.Request request) throws PaymentLinks.Failure {
            return payments.create(tenantId(), request);
        }

        @Override
        public ChatResult chat(ChatRequest request) throws ChatFailure {
            return chat.chat(tenantId(), request);
        }

        @Override
        public String send(OutboundMessage message) {
            return sender.apply(message);
        }
    }
}
