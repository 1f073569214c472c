package io.wahub.routes;

/** Port the catch-up route calls: poll connectors' APIs for what their webhooks missed. Implemented by the hub. */
public interface ConnectorPolling {

    /**
     * Polls every (tenant, poller) pair that is due and not leased by another node, storing what it finds in the
     * inbox (where duplicates of webhook events are dropped).
     *
     * @return how many pairs were polled
     */
    int pollDue();
}
