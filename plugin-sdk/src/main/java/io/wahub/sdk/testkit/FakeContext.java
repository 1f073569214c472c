package io.wahub.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import io.wahub.sdk.Feature;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.FeatureStore;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.Timer;
import io.wahub.sdk.Timers;
import io.wahub.sdk.Templates;
import io.wahub.sdk.http.OutboundHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link FeatureContext} for plugin unit tests: fixed settings, a clock that moves only when the test
 * says ({@link #advance}), a list of the messages the plugin sent (deduplicated by idempotency key, like the hub),
 * timers kept in memory ({@link #scheduledTimers}, fired with {@link #fireDueTimers}), in-memory
 * {@link FakeContacts contacts}, the tenant's templates ({@link #withTemplate}; none by default), real outbound
 * HTTP without the hub's guard ({@link DirectHttp}; replace it with {@link #withHttp}), and no {@link #store()}
 * unless a test gives it one ({@link #withStore}): SQL needs a database, and the hub's row-level security a
 * PostgreSQL.
 *
 * <p>Timers change at once when the plugin calls {@link #timers()} (there is no run to wait for), except while
 * {@link #fireDueTimers} runs a timer: an {@code onTimer} that throws leaves the timers and sent messages as they
 * were before it, as the hub does.
 */
public final class FakeContext implements FeatureContext {

    private final String tenantId;
    private final Record settings;
    private Clock clock;
    private final Map<String, OutboundMessage> sent = new LinkedHashMap<>();
    private final java.util.Set<String> withdrawn = new java.util.LinkedHashSet<>();
    private final Map<String, Timer> timers = new LinkedHashMap<>();
    private final List<ChatRequest> chats = new ArrayList<>();
    private java.util.function.Function<ChatRequest, ChatResult> chatModel;
    private OutboundHttp http = new DirectHttp();
    private FakeContacts contacts;
    private final List<Templates.Info> templates = new ArrayList<>();
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
    public synchronized Clock clock() {
        return clock;
    }

    /** Moves the clock forward by {@code duration}; timers then due fire when {@link #fireDueTimers} is called. */
    public synchronized FakeContext advance(Duration duration) {
        this.clock = Clock.offset(clock, duration);
        return this;
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

    /** This context's contacts, in memory; {@link FakeContacts#received} opens a contact's window. */
    @Override
    public synchronized FakeContacts contacts() {
        if (contacts == null) {
            contacts = new FakeContacts("feature", clock);
        }
        return contacts;
    }

    /**
     * Withdraws messages as the hub would: the keys are remembered ({@link #withdrawn()}); the count is how many of
     * them name a message sent in this context (the fake has no delivery, so every sent message is "waiting").
     */
    @Override
    public synchronized int withdraw(java.util.Collection<String> idempotencyKeys) {
        int waiting = 0;
        for (String key : idempotencyKeys) {
            if (withdrawn.add(key) && sent.containsKey(key)) {
                waiting++;
            }
        }
        return waiting;
    }

    /** The idempotency keys withdrawn so far, in order. */
    public synchronized List<String> withdrawn() {
        return new ArrayList<>(withdrawn);
    }

    /** The messages sent so far, in order, one per idempotency key. */
    public synchronized List<OutboundMessage> sent() {
        return new ArrayList<>(sent.values());
    }

    @Override
    public Timers timers() {
        return new Timers() {
            @Override
            public void schedule(String key, Instant at, JsonNode data) {
                Timer timer = new Timer(key, at, data);
                synchronized (FakeContext.this) {
                    timers.remove(key);
                    timers.put(key, timer);
                }
            }

            @Override
            public void cancel(String key) {
                Timer.checkKey(key, "key");
                synchronized (FakeContext.this) {
                    timers.remove(key);
                }
            }

            @Override
            public void cancelPrefix(String prefix) {
                Timer.checkKey(prefix, "prefix");
                synchronized (FakeContext.this) {
                    timers.keySet().removeIf(key -> key.startsWith(prefix));
                }
            }
        };
    }

    /** The timers scheduled and not yet fired or cancelled, soonest first (in scheduling order for equal instants). */
    public synchronized List<Timer> scheduledTimers() {
        return timers.values().stream().sorted(Comparator.comparing(Timer::dueAt)).toList();
    }

    /**
     * Fires the timers due by the clock, soonest first, one at a time, through {@code feature.onTimer} with this
     * context, as the hub would (a timer scheduled meanwhile that is already due fires too). A timer whose
     * {@code onTimer} throws stays scheduled, its run's timers and messages are undone, and the exception is rethrown.
     *
     * @return the timers fired, in order
     */
    public synchronized List<Timer> fireDueTimers(Feature feature) {
        List<Timer> fired = new ArrayList<>();
        while (true) {
            Instant now = clock.instant();
            Timer due = scheduledTimers().stream().filter(timer -> !timer.dueAt().isAfter(now)).findFirst()
                    .orElse(null);
            if (due == null) {
                return fired;
            }
            Map<String, Timer> timersBefore = new LinkedHashMap<>(timers);
            Map<String, OutboundMessage> sentBefore = new LinkedHashMap<>(sent);
            timers.remove(due.key());
            try {
                feature.onTimer(due, this);
            } catch (RuntimeException e) {
                timers.clear();
                timers.putAll(timersBefore);
                sent.clear();
                sent.putAll(sentBefore);
                throw e;
            }
            fired.add(due);
        }
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
