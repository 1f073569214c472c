package io.wahub.hub.feature.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.feature.RunEffects;
import io.wahub.hub.metering.MessageQuota;
import io.wahub.hub.timer.RunTimers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feature API calls finished while a writer is busy are written together, in one transaction (group commit), and a
 * batch that fails is written call by call, so that only the failing call fails.
 */
class CallEffectsTest {

    private final RunEffects effects = mock(RunEffects.class);
    private final MessageQuota quota = mock(MessageQuota.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    /** The audit entries of each transaction, in order. */
    private final List<List<String>> transactionsWritten = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriting = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final CallEffects writer = new CallEffects(effects, quota, audit, mock(OperationMessages.class),
            transactions, 1, 200);

    CallEffectsTest() {
        when(quota.reserve(anyList())).thenAnswer(call -> new MessageQuota.Reservation(call.getArgument(0), Map.of()));
        when(effects.apply(anyList(), anyList(), any())).thenReturn(new RunEffects.Applied(List.of(), Set.of()));
        when(transactions.execute(any())).thenAnswer(call -> {
            List<String> entries = new ArrayList<>();
            transactionsWritten.add(entries);
            try {
                return ((TransactionCallback<?>) call.getArgument(0)).doInTransaction(null);
            } catch (RuntimeException e) {
                transactionsWritten.remove(entries); // rolled back
                throw e;
            }
        });
    }

    @AfterEach
    void stop() {
        writer.stop();
        callers.close();
    }

    @Test
    void callsFinishedWhileTheWriterIsBusy_areWrittenInOneTransaction() throws Exception {
        recordEntries(entries -> { });
        CompletableFuture<Void> first = busyWriter();
        List<CompletableFuture<Void>> queued = List.of(write("call-2"), write("call-3"), write("call-4"));
        Thread.sleep(200); // the three are queued behind the busy writer
        assertThat(queued).noneMatch(CompletableFuture::isDone);
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> call : queued) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactionsWritten).hasSize(2);
        assertThat(transactionsWritten.get(0)).containsExactly("call-1");
        assertThat(transactionsWritten.get(1)).containsExactlyInAnyOrder("call-2", "call-3", "call-4");
    }

    @Test
    void failingBatch_isWrittenCallByCall_andOnlyTheFailingCallFails() throws Exception {
        recordEntries(entries -> {
            if (entries.contains("bad")) {
                throw new IllegalStateException("violates a constraint");
            }
        });
        CompletableFuture<Void> first = busyWriter();
        CompletableFuture<Void> good = write("good-1");
        CompletableFuture<Void> bad = write("bad");
        CompletableFuture<Void> alsoGood = write("good-2");
        Thread.sleep(200);
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        alsoGood.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("violates a constraint");
        assertThat(transactionsWritten).containsExactlyInAnyOrder(List.of("call-1"), List.of("good-1"),
                List.of("good-2"));
        verify(quota, org.mockito.Mockito.atLeast(2)).giveBack(any(), eq(Set.of()));
    }

    @Test
    void callAfterTheStop_isRefused() {
        writer.start();
        writer.stop();

        assertThatThrownBy(() -> writer.write(List.of(), new RunTimers("t", "f"), entry("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("hub stopping");
    }

    private interface Entries {
        void written(List<String> targets) throws Exception;
    }

    /**
     * Each transaction's audit entries (by target) are recorded, after {@code check} saw them; the one of "call-1"
     * waits for {@link #release} first.
     */
    private void recordEntries(Entries check) {
        doAnswer(call -> {
            List<AuditLog.Pending> entries = call.getArgument(0);
            List<String> targets = entries.stream().map(AuditLog.Pending::target).toList();
            if (targets.contains("call-1")) {
                firstWriting.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            check.written(targets);
            transactionsWritten.getLast().addAll(targets);
            return null;
        }).when(audit).recordAll(anyList());
    }

    /** Starts the writer and hands it "call-1", which it is writing (until {@link #release}) when this returns. */
    private CompletableFuture<Void> busyWriter() throws InterruptedException {
        writer.start();
        CompletableFuture<Void> first = write("call-1");
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private CompletableFuture<Void> write(String target) {
        return CompletableFuture.runAsync(() -> writer.write(List.of(), new RunTimers("t", "f"), entry(target)),
                callers);
    }

    private static AuditLog.Pending entry(String target) {
        return new AuditLog.Pending("t", "key:test", OperationCalls.AUDIT_ACTION, target, "{}", null);
    }
}
