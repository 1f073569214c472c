package io.wahub.plugins.whatsappcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.Json;
import io.wahub.sdk.OutboundMessage;

/**
 * Builds the JSON body of {@code POST /{version}/{phone-number-id}/messages} for an {@link OutboundMessage}. A
 * template's parameters are text parameters, with {@code parameter_name} when the component names them (a template
 * with named variables), except a copy-code button's, which is a {@code coupon_code}.
 */
final class CloudApiMessages {

    private static final ObjectMapper JSON = Json.newMapper();

    private CloudApiMessages() {
    }

    static byte[] body(OutboundMessage message) {
        ObjectNode body = JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", message.toDigits());
        if (message.template() != null) {
            body.put("type", "template");
            body.set("template", template(message.template()));
        } else if (message.interactive() != null) {
            body.put("type", "interactive");
            body.set("interactive", interactive(message.interactive()));
        } else {
            body.put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", message.text());
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
        if (template.bodyParams().isEmpty() && template.components().isEmpty()) {
            return node;
        }
        ArrayNode components = node.putArray("components");
        if (!template.bodyParams().isEmpty()) {
            ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
            template.bodyParams().forEach(param -> parameters.addObject().put("type", "text").put("text", param));
        }
        for (OutboundMessage.Component component : template.components()) {
            ObjectNode item = components.addObject().put("type", component.type());
            if (component.subType() != null) {
                item.put("sub_type", component.subType());
            }
            if (component.index() != null) {
                item.put("index", String.valueOf(component.index()));
            }
            ArrayNode parameters = item.putArray("parameters");
            for (int i = 0; i < component.parameters().size(); i++) {
                String value = component.parameters().get(i);
                if ("copy_code".equals(component.subType())) {
                    parameters.addObject().put("type", "coupon_code").put("coupon_code", value);
                    continue;
                }
                if (OutboundMessage.Template.QUICK_REPLY.equals(component.subType())) {
                    parameters.addObject().put("type", "payload").put("payload", value);
                    continue;
                }
                ObjectNode parameter = parameters.addObject().put("type", "text");
                if (!component.parameterNames().isEmpty()) {
                    parameter.put("parameter_name", component.parameterNames().get(i));
                }
                parameter.put("text", value);
            }
        }
        return node;
    }

    private static ObjectNode interactive(OutboundMessage.Interactive interactive) {
        ObjectNode node = JSON.createObjectNode().put("type", "button");
        node.putObject("body").put("text", interactive.body());
        ArrayNode buttons = node.putObject("action").putArray("buttons");
        interactive.buttons().forEach(button -> buttons.addObject().put("type", "reply").putObject("reply")
                .put("id", button.id()).put("title", button.title()));
        return node;
    }
}
