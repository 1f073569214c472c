package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
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

    @Test
    void text_isTrimmedScalarText_andNullForWhatHoldsNoText() throws Exception {
        ObjectMapper mapper = Json.newMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        var node = mapper.readTree("""
                {"name": "  Ana ", "blank": "  ", "nothing": null, "id": 1234567890123456789, "total": 100.00,
                 "flag": true, "list": [1], "object": {"a": 1}}""");

        assertThat(Json.text(node.get("name"))).isEqualTo("Ana");
        assertThat(Json.text(node.get("id"))).isEqualTo("1234567890123456789");
        // Jackson keeps 100.00 as 1E+2 once its zeros are stripped: text gives it in plain notation
        assertThat(Json.text(node.get("total"))).isEqualTo("100");
        assertThat(Json.text(node.get("flag"))).isEqualTo("true");
        assertThat(Json.text(node.get("blank"))).isNull();
        assertThat(Json.text(node.get("nothing"))).isNull();
        assertThat(Json.text(node.get("missing"))).isNull();
        assertThat(Json.text(node.path("missing"))).isNull();
        assertThat(Json.text(node.get("list"))).isNull();
        assertThat(Json.text(node.get("object"))).isNull();
    }
}
