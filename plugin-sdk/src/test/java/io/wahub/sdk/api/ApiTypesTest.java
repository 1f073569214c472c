package io.wahub.sdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.testkit.FakeContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTypesTest {

    private static final ApiHandler NOTHING = (request, context) -> ApiResponse.noContent();

    @Test
    void invalidProblem_is422InvalidRequest_namingItsFieldsInOrder() {
        ApiProblem problem = ApiProblem.invalid(Map.of("to", "not a phone number", "code", "must be 6 digits"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo("invalid-request");
        assertThat(problem.title()).isEqualTo("Invalid request");
        assertThat(problem.detail()).isEqualTo("Invalid request: code, to");
        assertThat(problem.fieldErrors()).containsExactlyInAnyOrderEntriesOf(
                Map.of("to", "not a phone number", "code", "must be 6 digits"));
    }

    @Test
    void problemType_mustBeAKebabCaseSlug_andItsStatusAnError() {
        assertThatThrownBy(() -> new ApiProblem(429, "Max Attempts", "t", "d"))
                .hasMessage("type must be a kebab-case slug: Max Attempts");
        assertThatThrownBy(() -> new ApiProblem(200, "ok", "t", "d"))
                .hasMessage("a problem's status is 4xx or 5xx: 200");
    }

    @Test
    void problemMembers_areTheFieldErrorsSortedThenTheFurtherMembersInOrder_andMayNotShadowStandardOnes() {
        ApiProblem problem = new ApiProblem(429, "rate-limited", "Too many requests", "Retry after 3 s.",
                Map.of("to", "busy", "code", "again"), new java.util.LinkedHashMap<>(Map.of(
                ApiProblem.RETRY_AFTER_SECONDS, 3L)));

        assertThat(problem.typeUri()).isEqualTo("https://wahub.dev/problems/rate-limited");
        assertThat(problem.members().keySet()).containsExactly("errors", "retryAfterSeconds");
        assertThat(problem.members().get("errors")).asString().isEqualTo("{code=again, to=busy}");
        assertThatThrownBy(() -> new ApiProblem(400, "x", "t", "d", Map.of(), Map.of("status", 500)))
                .hasMessage("a problem member may not be named status");
        assertThatThrownBy(() -> new ApiProblem(400, "x", "t", "d", Map.of("f", "bad"), Map.of("errors", "no")))
                .hasMessage("a problem member may not be named errors");
    }

    @Test
    void operation_normalisesItsMethod_andRefusesUnknownMethodsAndWildcardPaths() {
        assertThat(new ApiOperation("post", "/x", true, "s", null, NOTHING).method()).isEqualTo("POST");
        assertThatThrownBy(() -> new ApiOperation("HEAD", "/x", false, "s", null, NOTHING))
                .hasMessage("method must be one of [GET, POST, PUT, PATCH, DELETE]: HEAD");
        assertThatThrownBy(() -> ApiOperation.get("/x/**", "s", NOTHING))
                .hasMessage("path must start with / and hold no '..' or '*': /x/**");
        assertThatThrownBy(() -> ApiOperation.get("x", "s", NOTHING))
                .hasMessage("path must start with / and hold no '..' or '*': x");
    }

    @Test
    void request_withoutBody_hasAMissingNode_andNamesAnUnknownPathVariable() {
        ApiRequest request = new ApiRequest(Map.of("id", "v-1"), Map.of("status", List.of("pending", "approved")),
                null, "key:whk_live_abc");

        assertThat(request.body()).isEqualTo(MissingNode.getInstance());
        assertThat(request.path("id")).isEqualTo("v-1");
        assertThat(request.query("status")).isEqualTo("pending");
        assertThat(request.query("other")).isNull();
        assertThatThrownBy(() -> request.path("ident"))
                .hasMessage("the operation's path has no variable {ident}");
    }

    @Test
    void response_mustBe2xx() {
        assertThatThrownBy(() -> new ApiResponse(404, null))
                .hasMessage("a response is 2xx; throw ApiProblem for anything else: 404");
    }

    @Test
    void fakeContext_hasNoStore_untilATestGivesItOne() {
        FakeContext context = FakeContext.of(null, Instant.parse("2026-01-01T00:00:00Z"));
        FeatureStore store = new FeatureStore() {
            @Override
            public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
                return List.of(Map.of("n", 1));
            }

            @Override
            public int update(String sql, Map<String, ?> params) {
                return 0;
            }

            @Override
            public <T> T transaction(Work<T> work) {
                return work.run(this);
            }
        };

        assertThatThrownBy(context::store).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("no feature store in this FakeContext (see withStore)");
        assertThat(context.withStore(store).store().query("SELECT 1 AS n", Map.of())).containsExactly(Map.of("n", 1));
    }
}
