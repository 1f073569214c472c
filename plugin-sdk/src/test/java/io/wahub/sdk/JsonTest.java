package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    /**
     * A virtual thread runs one task and ends, so buffers kept per thread would never be used twice: the mapper's
     * buffers must go back to a pool that the next virtual thread takes them from.
     */
    @Test
    void buffersUsedOnOneVirtualThreadAreReusedOnTheNext() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();
        BufferRecycler[] used = new BufferRecycler[2];
        for (int i = 0; i < used.length; i++) {
            int turn = i;
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] json = mapper.writeValueAsBytes(Map.of("order", "#1001"));
                    assertThat(mapper.readTree(json).path("order").asText()).isEqualTo("#1001");
                    used[turn] = pool.acquireAndLinkPooled();
                    used[turn].releaseToPool();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).join();
        }

        assertThat(used[1]).isSameAs(used[0]);
    }
}
