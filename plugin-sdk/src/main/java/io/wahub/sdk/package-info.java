/**
 * The Wahub plugin SDK: the only API a Wahub plugin compiles against.
 *
 * <h2>Extension points</h2>
 * <ul>
 *   <li>{@link io.wahub.sdk.WebhookConnector} verifies and normalises a vendor's inbound webhook into
 *       {@link io.wahub.sdk.CanonicalEvent}s (Shopify, WooCommerce, Stripe, WhatsApp inbound, …).</li>
 *   <li>{@link io.wahub.sdk.ChannelConnector} delivers an {@link io.wahub.sdk.OutboundMessage} to a messaging
 *       channel (WhatsApp Cloud API, a Baileys-style gateway, the built-in sandbox).</li>
 *   <li>{@link io.wahub.sdk.Feature} reacts to canonical events on behalf of a tenant that enabled it
 *       (packing lists, OTP, reminders, …) and sends messages through its {@link io.wahub.sdk.FeatureContext}; it
 *       schedules work for later with durable {@link io.wahub.sdk.Timers}
 *       ({@link io.wahub.sdk.FeatureContext#timers()}), handed back to {@link io.wahub.sdk.Feature#onTimer}.</li>
 *   <li>{@link io.wahub.sdk.ChatModel} answers chat completions (an OpenAI-compatible server); features reach it
 *       through {@link io.wahub.sdk.FeatureContext#chat}, which the hub routes to the tenant's configured model.</li>
 *   <li>{@link io.wahub.sdk.PaymentLinks} creates hosted payment pages (Stripe Checkout); features reach it through
 *       {@link io.wahub.sdk.FeatureContext#paymentLink}.</li>
 *   <li>{@link io.wahub.sdk.Poller} asks a vendor's API for what its webhooks missed (WooCommerce catch-up).</li>
 * </ul>
 * Webhook connectors may also answer a vendor's GET verification ({@link io.wahub.sdk.WebhookConnector#handshake})
 * and serve one app-level URL for many tenants ({@link io.wahub.sdk.WebhookConnector#receiveForApp},
 * {@link io.wahub.sdk.RoutedEvent}, {@link io.wahub.sdk.AppConfig}).
 * All of them extend {@link io.wahub.sdk.WahubExtension}: a stable kebab-case id and an optional settings record
 * whose fields carry {@link io.wahub.sdk.Setting} annotations, from which the hub derives a JSON Schema and the
 * admin panel draws a form.
 *
 * <h2>What a feature can own</h2>
 * <ul>
 *   <li>An HTTP API: a feature that also implements {@link io.wahub.sdk.api.FeatureApi} declares
 *       {@link io.wahub.sdk.api.ApiOperation}s, which the hub mounts under
 *       {@code /api/v1/tenants/{tenant}/features/{featureId}/…} with authentication, scopes, plan and switch checks,
 *       rate limits, problem+json ({@link io.wahub.sdk.api.ApiProblem}), audit and OpenAPI.</li>
 *   <li>Tables: migrations in the plugin jar under {@code db/feature/}, reached through
 *       {@link io.wahub.sdk.FeatureContext#store()} ({@link io.wahub.sdk.FeatureStore}), each tenant seeing only its
 *       rows (PostgreSQL row-level security).</li>
 *   <li>Panel pages: {@link io.wahub.sdk.panel.FeaturePanel} declares lists, detail views, actions and create forms
 *       over its API, drawn by the panel's generic components.</li>
 * </ul>
 *
 * <h2>Calling other hosts</h2>
 * A plugin reaches the network only through {@link io.wahub.sdk.PluginContext#http()}, the hub's one outbound HTTP
 * client ({@link io.wahub.sdk.http.OutboundHttp}, requests and answers in {@link io.wahub.sdk.http}): it refuses
 * non-public addresses and plain http unless the operator allowed them, bounds every call, retries only what is safe
 * to repeat, and keeps credentials out of logs and errors. Settings holding a URL the plugin calls are marked
 * {@link io.wahub.sdk.Setting#outboundUrl()}. The test kit's {@link io.wahub.sdk.testkit.FakeContext} offers real
 * HTTP without the guard ({@link io.wahub.sdk.testkit.DirectHttp}) for plugin tests against WireMock.
 *
 * <h2>The canonical event catalogue</h2>
 * {@link io.wahub.sdk.EventTypes} lists every event type, its payload fields and which connector emits it. It is
 * the contract between connectors and features.
 *
 * <h2>Threading</h2>
 * The hub calls extensions concurrently from many (virtual) threads, for many tenants. Extensions must be
 * stateless or thread-safe; everything tenant-specific comes in through the context argument. The threads are
 * virtual, so make Jackson mappers with {@link io.wahub.sdk.Json#newMapper()}, whose buffers are shared rather than
 * kept per thread.
 */
package io.wahub.sdk;
