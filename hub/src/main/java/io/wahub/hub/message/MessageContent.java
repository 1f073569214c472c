package io.wahub.hub.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A message's {@code content} column (JSON) written when it is queued and read back into the message to send when
 * it is claimed.
 */
@Component
class MessageContent {

    private final ObjectMapper mapper;

    MessageContent(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The stored content: {@code text}, {@code interactive}, or {@code template} with its {@code rendered} form; and
     * {@code deliverBy} when the message has one.
     */
    String write(NewMessage queued) {
        OutboundMessage message = queued.message();
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        if (message.interactive() != null) {
            content.put("interactive", message.interactive());
        } else if (message.text() != null) {
            content.put("text", message.text());
        } else {
            content.put("template", message.template());
            Rendition rendition = queued.rendition();
            if (rendition != null && !rendition.failed()) {
                content.put("rendered", Map.of("text", rendition.text(), "buttons", rendition.buttons()));
            }
        }
        if (message.deliverBy() != null) {
            content.put("deliverBy", message.deliverBy().toString());
        }
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    OutboundMessage read(ResultSet rs) throws SQLException {
        try {
            var content = mapper.readTree(rs.getString("content"));
            OutboundMessage.Template template = content.has("template")
                    ? mapper.treeToValue(content.get("template"), OutboundMessage.Template.class) : null;
            OutboundMessage.Interactive interactive = content.has("interactive")
                    ? mapper.treeToValue(content.get("interactive"), OutboundMessage.Interactive.class) : null;
            String text = content.has("text") ? content.get("text").asText() : null;
            Instant deliverBy = content.has("deliverBy") ? Instant.parse(content.get("deliverBy").asText()) : null;
            return new OutboundMessage(rs.getString("recipient"), MessageCategory.valueOf(rs.getString("category")),
                    text, template, rs.getString("idempotency_key"), interactive, deliverBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message content is not JSON", e);
        }
    }
}
