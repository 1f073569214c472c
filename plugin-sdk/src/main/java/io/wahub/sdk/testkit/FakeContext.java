package io.wahub.sdk.testkit;

import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link FeatureContext} for plugin unit tests: fixed settings, a fixed clock, a list of the messages
 * the plugin sent (deduplicated by idempotency key, like the hub), and real outbound HTTP without the hub's guard
 * ({@link DirectHttp}; replace it with {@link #withHttp}). It has no {@link #store()} unless a test gives it one
 * ({@link #withStore}): SQL needs a database, and the hub's row-level security a PostgreSQL.
 */
public final class FakeContext implements FeatureContext {

    private final String tenantId;
    private final Record settings;
    private final Clock clock;
    private final Map<String, OutboundMessage> sent = new LinkedHashMap<>();
    private final List<ChatRequest> chats = new ArrayList<>();
    private java.util.function.Function<ChatRequest, ChatResult> chatModel;
    private OutboundHttp http = new DirectHttp();
    private FeatureStore store;

    public FakeContext(String tenantId, Record settings, Clock clock) {
        this.tenantId = tenantId;
        this.settings = settings;
        this.clock = clock;
    }

    /** A context for tenant {@code t1} with the given settings and the clock fixed at {@code now}. */
    public static FakeContext of(Record settings, Instant now) {
        return new FakeContext("t1", settings, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public <S extends Record> S settings(Class<S> type) {
        if (settings == null) {
            throw new IllegalStateException("no settings configured in this FakeContext");
        }
        return type.cast(settings);
    }

    @Override
    public boolean configured() {
        return settings != null;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized String send(OutboundMessage message) {
        sent.putIfAbsent(message.idempotencyKey(), message);
        return message.idempotencyKey();
    }

    /** {@link #http()} answers with this client instead of a {@link DirectHttp}. */
    public synchronized FakeContext withHttp(OutboundHttp client) {
        this.http = client;
        return this;
    }

    @Override
    public synchronized OutboundHttp http() {
        return http;
    }

    /** Answers {@link #chat} with this function (by default there is no chat model). */
    public synchronized FakeContext withChatModel(java.util.function.Function<ChatRequest, ChatResult> model) {
        this.chatModel = model;
        return this;
    }

    @Override
    public synchronized ChatResult chat(ChatRequest request) throws ChatFailure {
        if (chatModel == null) {
            throw new ChatFailure("no-chat-model", "no chat model in this FakeContext", false, null);
        }
        chats.add(request);
        return chatModel.apply(request);
    }

    /** The chat requests made so far, in order. */
    public synchronized List<ChatRequest> chats() {
        return new ArrayList<>(chats);
    }

    /** The messages sent so far, in order, one per idempotency key. */
    public synchronized List<OutboundMessage> sent() {
        return new ArrayList<>(sent.values());
    }

    /** Answers {@link #store()} with this store (by default there is none). */
    public synchronized FakeContext withStore(FeatureStore featureStore) {
        this.store = featureStore;
        return this;
    }

    @Override
    public synchronized FeatureStore store() {
        if (store == null) {
            throw new UnsupportedOperationException("no feature store in this FakeContext (see withStore)");
        }
        return store;
    }
}
