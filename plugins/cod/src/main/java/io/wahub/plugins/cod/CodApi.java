package io.wahub.plugins.cod;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.ApiProblem;
import io.wahub.sdk.api.ApiRequest;
import io.wahub.sdk.api.ApiResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cod operations, mounted by the hub under {@code /api/v1/tenants/{tenant}/features/cod}: list and read
 * confirmations, retry a failed write-back, and the tenant's confirmation rate and answer times. Bad query values
 * answer 422 {@code invalid-request} with the field named.
 */
final class CodApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    List<ApiOperation> operations() {
        return List.of(
                ApiOperation.get("/confirmations", "Lists confirmations, newest first (?status=…&limit=…)",
                        this::list),
                ApiOperation.get("/confirmations/{orderId}", "Reads the confirmation of an order", this::read),
                ApiOperation.post("/confirmations/{orderId}/write-back",
                        "Tries a failed write-back to the store again", null, this::retry),
                ApiOperation.get("/stats", "Confirmation rate and answer times (median, p90)", this::stats),
                ApiOperation.get("/stats/summary", "The stats as a one-row list, for the panel", this::summary));
    }

    private ApiResponse list(ApiRequest request, FeatureContext context) {
        String status = request.query("status");
        String limitText = request.query("limit");
        Map<String, String> errors = new java.util.TreeMap<>();
        if (status != null && !Confirmation.STATUSES.contains(status)) {
            errors.put("status", "one of " + String.join(", ", Confirmation.STATUSES));
        }
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.put("limit", "a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        ArrayNode items = NODES.arrayNode();
        Confirmations.list(context.store(), status, limit).forEach(c -> items.add(view(c)));
        return ApiResponse.ok(items);
    }

    private ApiResponse read(ApiRequest request, FeatureContext context) {
        return ApiResponse.ok(view(Confirmations.findByOrder(context.store(), request.path("orderId"))
                .orElseThrow(() -> ApiProblem.notFound("A confirmation of order " + request.path("orderId")))));
    }

    private ApiResponse retry(ApiRequest request, FeatureContext context) {
        Confirmation c = Confirmations.findByOrder(context.store(), request.path("orderId"))
                .orElseThrow(() -> ApiProblem.notFound("A confirmation of order " + request.path("orderId")));
        Instant now = context.clock().instant();
        if (!Confirmations.retryWriteBack(context.store(), c.source(), c.orderId(), now)) {
            throw new ApiProblem(409, "write-back-not-failed", "Write-back has not failed",
                    "The write-back of order " + c.orderId() + " is " + c.writeBack() + "; only a failed one is"
                            + " tried again.");
        }
        WriteBacks.schedule(context, c, now);
        return ApiResponse.ok(view(Confirmations.find(context.store(), c.source(), c.orderId()).orElseThrow()));
    }

    private ApiResponse stats(ApiRequest request, FeatureContext context) {
        return ApiResponse.ok(stats(context));
    }

    private ApiResponse summary(ApiRequest request, FeatureContext context) {
        ObjectNode row = stats(context);
        row.put("id", "all");
        row.remove("byStatus");
        return ApiResponse.ok(NODES.arrayNode().add(row));
    }

    /**
     * Counts by status; {@code confirmationRate}: confirmed by the customer among the orders whose question is
     * settled (answered, given up on, or cancelled in the store), null when none is; answer times in seconds over
     * the customers' answers (nearest-rank median and p90), null when nobody answered.
     */
    static ObjectNode stats(FeatureContext context) {
        Map<String, Long> counts = Confirmations.counts(context.store());
        ObjectNode body = NODES.objectNode();
        long total = Confirmation.STATUSES.stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
        long confirmed = counts.getOrDefault("answer." + CodTemplate.CONFIRM, 0L);
        long cancelled = counts.getOrDefault("answer." + CodTemplate.CANCEL, 0L);
        long open = counts.getOrDefault(Confirmation.SCHEDULED, 0L) + counts.getOrDefault(Confirmation.AWAITING, 0L);
        long settled = total - open;
        body.put("total", total);
        body.put("awaiting", open);
        body.put("confirmedByCustomer", confirmed);
        body.put("cancelledByCustomer", cancelled);
        body.put("noAnswer", counts.getOrDefault("resolved.no-answer", 0L));
        body.put("writeBackFailed", counts.getOrDefault("write-back.failed", 0L));
        if (settled == 0) {
            body.putNull("confirmationRate");
        } else {
            body.put("confirmationRate", BigDecimal.valueOf(confirmed).divide(BigDecimal.valueOf(settled), 4,
                    RoundingMode.HALF_UP));
        }
        List<Long> seconds = Confirmations.answerSeconds(context.store());
        putRank(body, "medianAnswerSeconds", seconds, 50);
        putRank(body, "p90AnswerSeconds", seconds, 90);
        ObjectNode byStatus = body.putObject("byStatus");
        Confirmation.STATUSES.forEach(s -> byStatus.put(s, counts.getOrDefault(s, 0L)));
        return body;
    }

    private static void putRank(ObjectNode body, String field, List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            body.putNull(field);
            return;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        body.put(field, sorted.get(Math.max(rank, 1) - 1));
    }

    /** The answer for one confirmation; {@code id} is the order id (the panel's item id). */
    static ObjectNode view(Confirmation c) {
        ObjectNode node = NODES.objectNode().put("id", c.orderId()).put("orderId", c.orderId())
                .put("source", c.source()).put("status", c.status()).put("phone", c.phone());
        putIf(node, "orderNumber", c.orderNumber());
        putIf(node, "total", c.total());
        putIf(node, "currency", c.currency());
        node.put("createdAt", c.createdAt().toString());
        putIf(node, "askedAt", c.askedAt());
        putIf(node, "remindedAt", c.remindedAt());
        putIf(node, "answer", c.answer());
        putIf(node, "answeredAt", c.answeredAt());
        if (c.answerSeconds() != null) {
            node.put("answerSeconds", c.answerSeconds());
        }
        putIf(node, "resolvedBy", c.resolvedBy());
        node.put("lateReplies", c.lateReplies());
        ObjectNode writeBack = node.putObject("writeBack").put("status", c.writeBack())
                .put("attempts", c.writeBackAttempts());
        putIf(writeBack, "error", c.writeBackError());
        putIf(writeBack, "at", c.writeBackAt());
        node.put("writeBackStatus", c.writeBack());
        node.put("updatedAt", c.updatedAt().toString());
        return node;
    }

    private static void putIf(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
