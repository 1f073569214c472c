package io.wahub.sdk.testkit;

import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Templates;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link FeatureContext} for plugin unit tests: fixed settings, a fixed clock, a list of the messages
 * the plugin sent (deduplicated by idempotency key, like the hub), the tenant's templates ({@link #withTemplate};
 * none by default), and real outbound HTTP without the hub's guard ({@link DirectHttp}; replace it with
 * {@link #withHttp}).
 */
public final class FakeContext implements FeatureContext {

    private final String tenantId;
    private final Record settings;
    private final Clock clock;
    private final Map<String, OutboundMessage> sent = new LinkedHashMap<>();
    private final List<ChatRequest> chats = new ArrayList<>();
    private java.util.function.Function<ChatRequest, ChatResult> chatModel;
    private OutboundHttp http = new DirectHttp();
    private final List<Templates.Info> templates = new ArrayList<>();

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

    /** Adds a template the tenant has (replacing one with the same name and language). */
    public synchronized FakeContext withTemplate(Templates.Info template) {
        templates.removeIf(t -> t.name().equals(template.name()) && t.language().equals(template.language()));
        templates.add(template);
        return this;
    }

    /** The templates given with {@link #withTemplate}, looked up as the hub does. */
    @Override
    public Templates templates() {
        return this::findTemplate;
    }

    private synchronized Optional<Templates.Info> findTemplate(String name, String language) {
        List<Templates.Info> named = templates.stream().filter(t -> t.name().equals(name)
                && (language == null || t.language().equals(language))).toList();
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }
}
