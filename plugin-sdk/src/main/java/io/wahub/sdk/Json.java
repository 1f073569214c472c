package io.wahub.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jackson for plugins (and the hub): use {@link #newMapper()} where you would write {@code new ObjectMapper()}.
 *
 * <p>The hub runs webhooks, dispatch and delivery on virtual threads. Jackson's default keeps its reusable buffers
 * (several kilobytes per parser or generator) per thread, and a virtual thread lives for one task, so every read and
 * write would allocate them anew. The factories made here share one bounded pool of buffers across all threads.
 */
public final class Json {

    private Json() {
    }

    /** A new mapper over {@link #newFactory()}; configure it as any {@link ObjectMapper}. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper(newFactory());
    }

    /** A new JSON factory whose buffers come from the pool shared by all threads. */
    public static JsonFactory newFactory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build();
    }

    /**
     * A JSON scalar as trimmed text, for reading vendor payloads: {@code null} for a missing, null or blank value
     * and for an object or array; a decimal read as {@code BigDecimal} in plain notation ({@code 12.50}, never
     * {@code 1.25E+1}).
     */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        return text.isBlank() ? null : text.strip();
    }
}
