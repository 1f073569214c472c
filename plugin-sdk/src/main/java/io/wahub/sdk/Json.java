package io.wahub.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
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
}
