package io.wahub.plugins.cod;

import io.wahub.sdk.CanonicalEvent;
import io.wahub.sdk.EventTypes;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.Templates;
import io.wahub.sdk.Timer;
import io.wahub.sdk.api.ApiOperation;
import io.wahub.sdk.api.FeatureApi;
import io.wahub.sdk.panel.FeaturePanel;
import io.wahub.sdk.panel.PanelResource;
import io.wahub.sdk.panel.PanelResource.Column;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Cash-on-delivery confirmation with reply buttons: asks the customer of every cash-on-delivery order (order payload
 * {@code cashOnDelivery}) to Confirm or Cancel with a UTILITY template, applies the tapped answer, reminds once and
 * then cancels or hands over, and writes the outcome back to the store (Shopify tag, WooCommerce status and note).
 * See {@link CodFlow} for the steps, {@link WriteBacks} for the store, {@link CodApi} for the API.
 */
@Extension
public class CodFeature implements Feature, FeatureApi, FeaturePanel {

    public static final String ID = "cod";

    private final CodApi api = new CodApi();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cash-on-delivery confirmation";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return CodSettings.class;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.ORDER_CREATED, EventTypes.ORDER_CANCELLED, EventTypes.MESSAGE_RECEIVED);
    }

    @Override
    public void onEvent(CanonicalEvent event, FeatureContext context) {
        switch (event.type()) {
            case EventTypes.ORDER_CREATED -> CodFlow.orderCreated(event, context);
            case EventTypes.ORDER_CANCELLED -> CodFlow.orderCancelled(event, context);
            case EventTypes.MESSAGE_RECEIVED -> CodFlow.reply(event, context);
            default -> {
            }
        }
    }

    @Override
    public void onTimer(Timer timer, FeatureContext context) {
        CodFlow.onTimer(timer, context);
    }

    @Override
    public List<Templates.Draft> templates() {
        return List.of(CodTemplate.DEFAULT);
    }

    @Override
    public List<ApiOperation> operations() {
        return api.operations();
    }

    @Override
    public List<PanelResource> resources() {
        List<Column> columns = List.of(new Column("orderNumber", "Order", "text"),
                new Column("source", "Store", "text"), new Column("status", "Status", "status"),
                new Column("createdAt", "Ordered", "datetime"), new Column("answeredAt", "Answered", "datetime"),
                new Column("writeBackStatus", "Written back", "status"));
        List<Column> fields = List.of(new Column("orderNumber", "Order", "text"),
                new Column("orderId", "Store order id", "text"), new Column("source", "Store", "text"),
                new Column("phone", "Customer", "text"), new Column("total", "Total", "text"),
                new Column("status", "Status", "status"), new Column("createdAt", "Ordered", "datetime"),
                new Column("askedAt", "Asked", "datetime"), new Column("remindedAt", "Reminded", "datetime"),
                new Column("answer", "Answer", "text"), new Column("answeredAt", "Answered", "datetime"),
                new Column("answerSeconds", "Answer time (s)", "number"),
                new Column("resolvedBy", "Resolved by", "text"), new Column("lateReplies", "Late replies", "number"),
                new Column("writeBackStatus", "Written back", "status"));
        List<Column> stats = List.of(new Column("total", "Orders", "number"),
                new Column("awaiting", "Awaiting", "number"),
                new Column("confirmationRate", "Confirmation rate", "number"),
                new Column("medianAnswerSeconds", "Median answer (s)", "number"),
                new Column("p90AnswerSeconds", "p90 answer (s)", "number"),
                new Column("noAnswer", "No answer", "number"),
                new Column("writeBackFailed", "Write-back failed", "number"));
        return List.of(
                new PanelResource("confirmations", "COD confirmations",
                        new PanelResource.Listing("/confirmations", columns, List.of(
                                new PanelResource.Filter("status", "Status", Confirmation.STATUSES))),
                        new PanelResource.Detail("/confirmations/{id}", fields),
                        List.of(new PanelResource.Action("retry-write-back", "Retry write-back", "POST",
                                "/confirmations/{id}/write-back", true)),
                        null),
                new PanelResource("stats", "COD confirmation rate",
                        new PanelResource.Listing("/stats/summary", stats, List.of()), null, List.of(), null));
    }
}
