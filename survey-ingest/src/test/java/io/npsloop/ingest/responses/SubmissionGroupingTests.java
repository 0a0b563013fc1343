package io.npsloop.ingest.responses;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mongodb.MongoTimeoutException;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link SubmissionGrouping}: concurrent single submissions share calls of the intake's batched
 * path, and each caller gets exactly what it would have got alone. Groups are made deterministic
 * by holding the first group at the broker (one group in flight), so that everything submitted
 * meanwhile waits in the queue and forms the next group.
 */
class SubmissionGroupingTests {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration LINGER = Duration.ofMillis(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FailingLedger ledger = new FailingLedger();
    private final HeldPublisher publisher = new HeldPublisher();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final ResponseIntake intake = new ResponseIntake(ledger, publisher, metrics, Pseudonyms.NONE, clock, LEASE);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<SubmissionGrouping> groupings = new ArrayList<>();

    @AfterEach
    void stop() {
        publisher.release();
        groupings.forEach(SubmissionGrouping::close);
        callers.shutdownNow();
    }

    @Test
    void manyConcurrentSubmittersEachGetTheOutcomeOfTheirOwnResponse() {
        intake.accept("crm", response("r-dup", "c-1", 9, null, 1), null);
        intake.accept("crm", response("r-upd", "c-1", 4, null, 1), null);
        intake.accept("crm", response("r-conf", "c-1", 6, null, 1), null);
        publisher.clear();
        SubmissionGrouping grouping = grouping(LINGER, 500, 1000, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-first", "c-0", 10, null, 1), null);
        await().until(() -> publisher.held() == 1);

        // Submitted concurrently while the first group is at the broker: they all wait and form one group.
        List<CompletableFuture<IntakeResult>> news = new ArrayList<>();
        List<CompletableFuture<IntakeResult>> keyed = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            news.add(submit(grouping, "crm", response("r-" + i, "c-" + (i % 7), i % 11, null, 1), null));
        }
        for (int i = 0; i < 40; i++) {
            keyed.add(submit(grouping, "crm", response(null, "c-k" + i, 8, null, 1), "key-" + i));
        }
        CompletableFuture<IntakeResult> duplicate = submit(grouping, "crm", response("r-dup", "c-1", 9, null, 1), null);
        CompletableFuture<IntakeResult> update = submit(grouping, "crm", response("r-upd", "c-1", 7, "fixed now", 2), null);
        CompletableFuture<IntakeResult> conflict = submit(grouping, "crm", response("r-conf", "c-1", 0, null, 1), null);
        await().until(() -> grouping.waiting() == 193);
        publisher.release();

        assertThat(holder.join()).isEqualTo(new IntakeResult("r-first", IntakeResult.Status.ACCEPTED));
        for (int i = 0; i < news.size(); i++) {
            assertThat(news.get(i).join()).isEqualTo(new IntakeResult("r-" + i, IntakeResult.Status.ACCEPTED));
        }
        for (int i = 0; i < keyed.size(); i++) {
            assertThat(keyed.get(i).join())
                    .as("the id the single path derives from the Idempotency-Key")
                    .isEqualTo(new IntakeResult(ResponseIntake.responseId("crm", null, "key-" + i), IntakeResult.Status.ACCEPTED));
        }
        assertThat(duplicate.join()).isEqualTo(new IntakeResult("r-dup", IntakeResult.Status.DUPLICATE));
        assertThat(update.join()).isEqualTo(new IntakeResult("r-upd", IntakeResult.Status.UPDATED));
        assertThatThrownBy(conflict::join).hasCauseInstanceOf(RevisionConflictException.class);
        assertThat(metrics.groupSizes).containsExactly(1, 193);
        assertThat(publisher.published()).hasSize(1 + 150 + 40 + 1)
                .extracting(ResponseSubmitted::eventId).doesNotHaveDuplicates();
        assertThat(ledger.find(Submission.key("crm", "r-77"))).hasValueSatisfying(stored -> assertThat(stored.pending()).isFalse());
        assertThat(metrics.outcomes).containsEntry("accepted", 3 + 1 + 150 + 40).containsEntry("duplicate", 1)
                .containsEntry("updated", 1).containsEntry("rejected", 1);
    }

    @Test
    void submittersOnManyThreadsAtOnceAreAllAnsweredAndSendNothingTwice() {
        SubmissionGrouping grouping = grouping(Duration.ofMillis(2), 50, 1000, 4);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<IntakeResult>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            NewResponse response = response("r-" + i, "c-" + (i % 13), i % 11, null, 1);
            String source = i % 3 == 0 ? "crm" : "shop";
            answers.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return grouping.submit(source, response, null);
            }, callers));
        }
        start.countDown();

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).join()).isEqualTo(new IntakeResult("r-" + i, IntakeResult.Status.ACCEPTED));
        }
        assertThat(publisher.published()).hasSize(300).extracting(ResponseSubmitted::eventId).doesNotHaveDuplicates();
        assertThat(metrics.groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(metrics.groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, 50));
    }

    @Test
    void aGroupThatFailsAsAWholeFailsOnlyItsOwnMembers() {
        SubmissionGrouping grouping = grouping(LINGER, 500, 1000, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-0", "c-0", 9, null, 1), null);
        await().until(() -> publisher.held() == 1);
        ledger.failFor("broken");
        List<CompletableFuture<IntakeResult>> broken = new ArrayList<>();
        List<CompletableFuture<IntakeResult>> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            broken.add(submit(grouping, "broken", response("b-" + i, "c-" + i, 9, null, 1), null));
            healthy.add(submit(grouping, "crm", response("h-" + i, "c-" + i, 9, null, 1), null));
        }
        await().until(() -> grouping.waiting() == 10);
        publisher.release();

        assertThat(holder.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(healthy).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED));
        assertThat(broken).allSatisfy(answer -> assertThatThrownBy(answer::join)
                .cause().isInstanceOf(MongoTimeoutException.class));
        assertThat(publisher.published()).extracting(ResponseSubmitted::source).containsOnly("crm");

        ledger.failFor(null);
        assertThat(grouping.submit("broken", response("b-0", "c-0", 9, null, 1), null).status())
                .as("the grouping goes on after a failed group")
                .isEqualTo(IntakeResult.Status.ACCEPTED);
    }

    @Test
    void aResponseTheBrokerDidNotAcknowledgeIsRefusedAloneAndStaysPendingForItsRetry() {
        SubmissionGrouping grouping = grouping(LINGER, 500, 1000, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-0", "c-0", 9, null, 1), null);
        await().until(() -> publisher.held() == 1);
        publisher.refuseCustomer("c-unlucky");
        CompletableFuture<IntakeResult> before = submit(grouping, "crm", response("r-1", "c-1", 9, null, 1), null);
        CompletableFuture<IntakeResult> unlucky = submit(grouping, "crm", response("r-2", "c-unlucky", 3, null, 1), null);
        CompletableFuture<IntakeResult> after = submit(grouping, "crm", response("r-3", "c-3", 7, null, 1), null);
        await().until(() -> grouping.waiting() == 3);
        publisher.release();

        assertThat(holder.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(before.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(after.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThatThrownBy(unlucky::join).cause().isInstanceOf(EventNotPublishedException.class);
        assertThat(ledger.find(Submission.key("crm", "r-2"))).hasValueSatisfying(stored -> assertThat(stored.pending()).isTrue());

        publisher.refuseCustomer(null);
        assertThat(grouping.submit("crm", response("r-2", "c-unlucky", 3, null, 1), null))
                .isEqualTo(new IntakeResult("r-2", IntakeResult.Status.ACCEPTED));
        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId).containsOnlyOnce("r-2");
    }

    @Test
    void twoSubmissionsOfOneResponseInOneGroupAreAnsweredAsIfOneCameAfterTheOther() {
        SubmissionGrouping grouping = grouping(LINGER, 500, 1000, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-0", "c-0", 9, null, 1), null);
        await().until(() -> publisher.held() == 1);
        List<CompletableFuture<IntakeResult>> answers = new ArrayList<>();
        List<NewResponse> inOrder = List.of(
                response("r-same", "c-1", 9, null, 1), response("r-same", "c-1", 9, null, 1),
                response("r-changed", "c-2", 9, null, 1), response("r-changed", "c-2", 2, null, 1),
                response("r-revised", "c-3", 5, null, 1), response("r-revised", "c-3", 8, "after a call", 2),
                response(null, "c-4", 10, null, 1), response(null, "c-4", 10, null, 1));
        for (int i = 0; i < inOrder.size(); i++) {
            // One at a time into the queue, so the group holds them in this order.
            answers.add(submit(grouping, "crm", inOrder.get(i), i >= 6 ? "retried-key" : null));
            int queued = i + 1;
            await().until(() -> grouping.waiting() == queued);
        }
        publisher.release();

        assertThat(holder.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(answers.get(0).join()).isEqualTo(new IntakeResult("r-same", IntakeResult.Status.ACCEPTED));
        assertThat(answers.get(1).join()).isEqualTo(new IntakeResult("r-same", IntakeResult.Status.DUPLICATE));
        assertThat(answers.get(2).join()).isEqualTo(new IntakeResult("r-changed", IntakeResult.Status.ACCEPTED));
        assertThatThrownBy(answers.get(3)::join).cause().isInstanceOf(RevisionConflictException.class);
        assertThat(answers.get(4).join()).isEqualTo(new IntakeResult("r-revised", IntakeResult.Status.ACCEPTED));
        assertThat(answers.get(5).join()).isEqualTo(new IntakeResult("r-revised", IntakeResult.Status.UPDATED));
        String keyed = ResponseIntake.responseId("crm", null, "retried-key");
        assertThat(answers.get(6).join()).isEqualTo(new IntakeResult(keyed, IntakeResult.Status.ACCEPTED));
        assertThat(answers.get(7).join()).isEqualTo(new IntakeResult(keyed, IntakeResult.Status.DUPLICATE));
        assertThat(metrics.groupSizes).containsExactly(1, 8);
        assertThat(publisher.published()).extracting(event -> event.responseId() + "@" + event.revision())
                .containsExactly("r-0@1", "r-same@1", "r-changed@1", "r-revised@1", keyed + "@1", "r-revised@2");
    }

    @Test
    void withoutLingerEachSubmissionGoesStraightToTheSinglePathOnTheCallersThread() {
        SubmissionGrouping grouping = grouping(Duration.ZERO, 500, 1000, 1);

        assertThat(grouping.submit("crm", response("r-1", "c-1", 9, null, 1), null))
                .isEqualTo(new IntakeResult("r-1", IntakeResult.Status.ACCEPTED));
        assertThat(grouping.submit("crm", response("r-1", "c-1", 9, null, 1), null))
                .isEqualTo(new IntakeResult("r-1", IntakeResult.Status.DUPLICATE));
        assertThatThrownBy(() -> grouping.submit("crm", response("r-1", "c-1", 1, null, 1), null))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(publisher.publishingThreads).containsOnly(Thread.currentThread().getName());
        assertThat(metrics.groupSizes).isEmpty();
        assertThat(grouping.waiting()).isZero();
    }

    @Test
    void closeHandsEverythingQueuedToTheIntakeAndRefusesWhatComesAfter() {
        SubmissionGrouping grouping = grouping(LINGER, 2, 1000, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-0", "c-0", 9, null, 1), null);
        await().until(() -> publisher.held() == 1);
        List<CompletableFuture<IntakeResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            queued.add(submit(grouping, "crm", response("r-" + i, "c-" + i, 9, null, 1), null));
        }
        await().until(() -> grouping.waiting() == 5);
        Thread closer = new Thread(grouping::close, "closer");
        closer.start();
        await().until(() -> closer.getState() == Thread.State.TIMED_WAITING);

        assertThatThrownBy(() -> grouping.submit("crm", response("r-late", "c-9", 9, null, 1), null))
                .isInstanceOf(IntakeBusyException.class);
        assertThat(metrics.refusals).containsExactly(SubmissionGrouping.STOPPING);
        assertThat(closer.isAlive()).as("close waits for what is queued").isTrue();
        publisher.release();

        await().until(() -> !closer.isAlive());
        assertThat(holder.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(queued).allSatisfy(answer -> assertThat(answer).isCompletedWithValueMatching(
                result -> result.status() == IntakeResult.Status.ACCEPTED));
        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId)
                .containsExactlyInAnyOrder("r-0", "r-1", "r-2", "r-3", "r-4", "r-5");
        assertThat(ledger.find(Submission.key("crm", "r-late"))).isEmpty();
    }

    @Test
    void aFullQueueRefusesAtOnceAndRecordsNothing() {
        SubmissionGrouping grouping = grouping(LINGER, 500, 2, 1);
        publisher.hold();
        CompletableFuture<IntakeResult> holder = submit(grouping, "crm", response("r-0", "c-0", 9, null, 1), null);
        await().until(() -> publisher.held() == 1);
        CompletableFuture<IntakeResult> first = submit(grouping, "crm", response("r-1", "c-1", 9, null, 1), null);
        CompletableFuture<IntakeResult> second = submit(grouping, "crm", response("r-2", "c-2", 9, null, 1), null);
        await().until(() -> grouping.waiting() == 2);

        assertThatThrownBy(() -> grouping.submit("crm", response("r-3", "c-3", 9, null, 1), null))
                .isInstanceOf(IntakeBusyException.class);
        assertThat(metrics.refusals).containsExactly(SubmissionGrouping.QUEUE_FULL);
        assertThat(ledger.find(Submission.key("crm", "r-3"))).isEmpty();
        publisher.release();

        assertThat(List.of(holder, first, second)).allSatisfy(answer ->
                assertThat(answer.join().status()).isEqualTo(IntakeResult.Status.ACCEPTED));
        assertThat(grouping.submit("crm", response("r-3", "c-3", 9, null, 1), null))
                .as("the refused response, sent again once there is room")
                .isEqualTo(new IntakeResult("r-3", IntakeResult.Status.ACCEPTED));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new SubmissionGrouping.Settings(Duration.ofMillis(-1), 1, 1, 1, LEASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubmissionGrouping.Settings(LINGER, 0, 1, 1, LEASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubmissionGrouping.Settings(LINGER, 1, 0, 1, LEASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubmissionGrouping.Settings(LINGER, 1, 1, 0, LEASE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SubmissionGrouping grouping(Duration linger, int maxGroupSize, int queueCapacity, int groupsInFlight) {
        SubmissionGrouping grouping = new SubmissionGrouping(intake, metrics,
                new SubmissionGrouping.Settings(linger, maxGroupSize, queueCapacity, groupsInFlight, Duration.ofSeconds(30)));
        groupings.add(grouping);
        return grouping;
    }

    private CompletableFuture<IntakeResult> submit(SubmissionGrouping grouping, String source, NewResponse response,
            @Nullable String idempotencyKey) {
        Supplier<IntakeResult> call = () -> grouping.submit(source, response, idempotencyKey);
        return CompletableFuture.supplyAsync(call, callers);
    }

    private static NewResponse response(@Nullable String responseId, String customerId, int score, @Nullable String comment,
            int revision) {
        return new NewResponse(responseId, "s-1", customerId, null, null, score, comment, "email", null, null,
                Map.of("region", "EMEA"), null, null, revision);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A broker that can be held (sends wait until released) and can refuse one customer's events. */
    private static final class HeldPublisher implements ResponsePublisher {

        private final RecordingPublisher recorded = new RecordingPublisher();
        private final AtomicInteger held = new AtomicInteger();
        private final Set<String> publishingThreads = ConcurrentHashMap.newKeySet();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile @Nullable String refusedCustomer;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        int held() {
            return held.get();
        }

        void refuseCustomer(@Nullable String customerId) {
            refusedCustomer = customerId;
        }

        List<ResponseSubmitted> published() {
            return recorded.published();
        }

        void clear() {
            recorded.clear();
        }

        @Override
        public void publish(ResponseSubmitted event) {
            waitForTheGate();
            send(event);
        }

        @Override
        public List<@Nullable RuntimeException> publishAll(List<ResponseSubmitted> events) {
            waitForTheGate();
            List<@Nullable RuntimeException> failures = new ArrayList<>();
            for (ResponseSubmitted event : events) {
                try {
                    send(event);
                    failures.add(null);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            return failures;
        }

        private void send(ResponseSubmitted event) {
            publishingThreads.add(Thread.currentThread().getName());
            if (event.customerId().equals(refusedCustomer)) {
                throw new EventNotPublishedException("Broker refused event " + event.eventId());
            }
            recorded.publish(event);
        }

        private void waitForTheGate() {
            CountDownLatch current = gate;
            if (current.getCount() > 0) {
                held.incrementAndGet();
                awaitQuietly(current);
            }
        }
    }

    /** The in-memory ledger, unreachable for one source's submissions when told so. */
    private static final class FailingLedger extends InMemorySubmissionLedger<ResponseSubmitted> {

        private volatile @Nullable String failingSource;

        void failFor(@Nullable String source) {
            failingSource = source;
        }

        @Override
        public Map<String, Submission<ResponseSubmitted>> insertAllIfAbsent(List<Submission<ResponseSubmitted>> submissions) {
            if (submissions.stream().anyMatch(submission -> submission.source().equals(failingSource))) {
                throw new MongoTimeoutException("Timed out waiting for a server");
            }
            return super.insertAllIfAbsent(submissions);
        }
    }

    private static final class RecordingMetrics implements IntakeMetrics {

        private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        private final List<String> refusals = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

        @Override
        public void counted(String source, @Nullable String channel, String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        @Override
        public void published(Duration latency) {
        }

        @Override
        public void grouped(int size) {
            groupSizes.add(size);
        }

        @Override
        public void refusedBeforeIntake(String reason) {
            refusals.add(reason);
        }
    }
}
