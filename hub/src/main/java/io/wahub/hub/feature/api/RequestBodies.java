package io.wahub.hub.feature.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.wahub.hub.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads an operation's JSON body, at most {@code wahub.features.api.max-body-bytes} of it. */
@Component
class RequestBodies {

    private final ObjectMapper mapper;
    private final int maxBytes;

    RequestBodies(ObjectMapper mapper, FeatureApiProperties properties) {
        this.mapper = mapper;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxBodyBytes().toBytes());
    }

    /**
     * The body as JSON, {@link MissingNode} when empty; a {@code text/csv} body (UTF-8) as one JSON text node, for
     * operations that take a CSV file (the handler reads it line by line; the size limit bounds it like any body).
     *
     * @throws ProblemException 413 {@code body-too-large}, 400 {@code invalid-json}
     */
    JsonNode read(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(
                    new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "invalid-json", "Invalid JSON", "The request body is not JSON: "
                    + e.getOriginalMessage(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "body-too-large", "Body too large", "A feature operation accepts at most "
                + maxBytes + " bytes of body (wahub.features.api.max-body-bytes).", Map.of("maxBytes", maxBytes));
    }
}
