package io.wahub.hub.feature.api;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.runtime.GroupWriter;
import io.wahub.hub.timer.RunTimers;
import io.wahub.routes.Ref;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what feature API calls did with group commit, as the inbox writes webhooks: a finished call hands its
 * messages, timer changes and audit entry to a few writer threads and waits; a writer takes every call waiting (up to
 * {@code wahub.features.api.max-batch}), takes their messages from their tenants' quotas in one statement on its own
 * ({@link MessageQuota#reserve}), stores messages, timers and audit entries in one transaction whose commit is
 * synchronous ({@link RunEffects}: a constant number of statements, however many calls), gives back the units of
 * messages not stored, releases the calls, then announces the stored messages to delivery. Under load this turns a
 * transaction per call into one per batch; a lone call costs what it did on its own. The audit entries of calls
 * their handler refused (a burst of blocked OTP starts, say) are written the same way.
 *
 * <p>That commit also makes durable the commits of the calls' feature stores, which do not wait for the disk
 * ({@link io.wahub.hub.feature.FeatureContexts#openDeferred}): a call is answered only after it. Should a batch
 * fail, its calls are written one by one, so that one call's failure is its own.
 */
@Component
class CallEffects extends GroupWriter<CallEffects.Call> {

    private static final Logger LOG = LoggerFactory.getLogger(CallEffects.class);

    /** One finished call: its messages as stored (templates resolved), its run's timer changes, its audit entry. */
    record Call(List<NewMessage> messages, RunTimers timers, AuditLog.Pending audit,
                CompletableFuture<Void> written) {
    }

    private final RunEffects effects;
    private final MessageQuota quota;
    private final AuditLog audit;
    private final OperationMessages announcements;
    private final TransactionTemplate transactions;
    private final int maxBatch;

    CallEffects(RunEffects effects, MessageQuota quota, AuditLog audit, OperationMessages announcements,
                TransactionTemplate transactions, @Value("${wahub.features.api.writers:2}") int writers,
                @Value("${wahub.features.api.max-batch:200}") int maxBatch) {
        super("feature-api-writer", writers, Integer.MAX_VALUE - 2048); // as the inbox's: around the web server
        this.effects = effects;
        this.quota = quota;
        this.audit = audit;
        this.announcements = announcements;
        this.transactions = transactions;
        this.maxBatch = maxBatch;
    }

    /** Writes the audit entry of a call that had no effects (it was refused, say) and waits for the commit. */
    void write(AuditLog.Pending entry) {
        write(List.of(), null, entry);
    }

    /**
     * Writes a finished call's effects ({@code timers} null: none) and audit entry ({@code audit} null: none) and
     * waits for the commit.
     *
     * @throws IllegalStateException when the hub is stopping, or the write failed (the call had no effect)
     */
    void write(List<NewMessage> messages, RunTimers timers, AuditLog.Pending entry) {
        if (!taking()) {
            throw new IllegalStateException("feature API calls are not written (hub stopping)");
        }
        Call call = new Call(messages, timers, entry, new CompletableFuture<>());
        queue.add(call);
        written(call.written(), "a feature API call");
    }

    @Override
    protected void writeLoop() {
        List<Call> batch = new ArrayList<>();
        try {
            while (queue.takeBatch(batch, maxBatch)) {
                write(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<Call> batch) {
        List<Ref> announce;
        try {
            announce = store(batch);
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                batch.getFirst().written().completeExceptionally(failure);
                return;
            }
            LOG.warn("Batch of {} feature API calls failed ({}); writing them one by one", batch.size(),
                    failure.toString());
            batch.forEach(call -> write(List.of(call)));
            return;
        } catch (Error fatal) {
            batch.forEach(call -> call.written().completeExceptionally(fatal));
            throw fatal;
        }
        batch.forEach(call -> call.written().complete(null));
        announcements.announce(announce);
    }

    /** The batch's messages taken from the quotas, then everything stored in one transaction; the messages due now. */
    private List<Ref> store(List<Call> batch) {
        List<NewMessage> messages = batch.stream().flatMap(call -> call.messages().stream()).toList();
        List<RunTimers> timers = batch.stream().map(Call::timers).filter(Objects::nonNull).toList();
        List<AuditLog.Pending> entries = batch.stream().map(Call::audit).filter(Objects::nonNull).toList();
        // a batch without messages reserves nothing and runs no statement for it
        MessageQuota.Reservation reserved = quota.reserve(messages.stream().map(NewMessage::ref).toList());
        RunEffects.Applied applied;
        try {
            applied = transactions.execute(tx -> {
                RunEffects.Applied done = effects.apply(messages, timers, reserved);
                audit.recordAll(entries);
                return done;
            });
        } catch (RuntimeException | Error e) {
            try {
                quota.giveBack(reserved, Set.of());
            } catch (RuntimeException notGivenBack) {
                e.addSuppressed(notGivenBack);
            }
            throw e;
        }
        quota.giveBack(reserved, applied.inserted());
        return List.copyOf(new LinkedHashSet<>(applied.announce()));
    }
}
