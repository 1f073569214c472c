package io.wahub.hub.message;

import io.wahub.sdk.ChannelConnector;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.PluginContext;
import io.wahub.sdk.SendResult;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The built-in channel every new tenant starts with: messages are accepted at once and shown in the admin panel
 * (the outbox is the sandbox phone's inbox), so every feature can be tried without a WhatsApp account. A template
 * message shows as its filled text with its buttons ({@link Rendition}, kept with the message when it was stored);
 * the sandbox has no Meta, so a template saved while a tenant uses it is approved at once.
 */
@Component
public class SandboxChannel implements ChannelConnector {

    @Override
    public String id() {
        return "sandbox";
    }

    @Override
    public String displayName() {
        return "Sandbox phone (messages shown in the panel)";
    }

    @Override
    public SendResult send(OutboundMessage message, PluginContext context) {
        return new SendResult("sandbox." + UUID.randomUUID());
    }
}
