package io.wahub.plugins.whatsappcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.OutboundMessage;

/** Builds the JSON body of {@code POST /{version}/{phone-number-id}/messages} for an {@link OutboundMessage}. */
final class CloudApiMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudApiMessages() {
    }

    static byte[] body(OutboundMessage message) {
        ObjectNode body = JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", message.toDigits());
        if (message.template() == null) {
            body.put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", message.text());
        } else {
            body.put("type", "template");
            body.set("template", template(message.template()));
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static ObjectNode template(OutboundMessage.Template template) {
        ObjectNode node = JSON.createObjectNode().put("name", template.name());
        node.putObject("language").put("code", template.language());
        if (!template.bodyParams().isEmpty()) {
            ArrayNode parameters = node.putArray("components").addObject().put("type", "body").putArray("parameters");
            template.bodyParams().forEach(param -> parameters.addObject().put("type", "text").put("text", param));
        }
        return node;
    }
}
