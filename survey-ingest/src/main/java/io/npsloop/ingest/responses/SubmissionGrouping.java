package io.npsloop.ingest.responses;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jspecify.annotations.Nullable;

/**
 * Hands single submissions that arrive at about the same time to {@link ResponseIntake#acceptAll}
 * together, so that they share one ledger write, one round of sends and one confirming write,
 * while each caller still waits for, and gets, the outcome of its own response.
 *
 * <p>Callers queue their submission and block. One drainer thread takes the first waiting
 * submission, then keeps collecting for up to {@code linger} or until {@code maxGroupSize} are
 * collected, splits what it has by source and hands each source's share to the intake in one call.
 * Up to {@code groupsInFlight} collections are with the intake at once; the drainer collects the
 * next one only once one of them is done, so under load the groups grow instead of queueing up.
 *
 * <p>The intake's batched path keeps the single path's rules for every member (a second
 * submission of the same response in one group goes through {@link ResponseIntake#accept} after
 * the first, as if they had come one after the other), so a caller sees exactly what it would see
 * alone: accepted, updated or duplicate only once the broker acknowledged its own response, and the
 * same refusals (a conflict, a submission in progress, the broker not acknowledging it) otherwise.
 * When the intake fails a whole call (the ledger unreachable, say) every member of that group, and
 * only of that group, gets that failure.
 *
 * <p>The queue is bounded: a submission that finds it full is refused at once with an
 * {@link IntakeBusyException}, nothing of it recorded. A linger of zero turns grouping off: each
 * submission goes straight to {@link ResponseIntake#accept} on the caller's thread.
 */
public final class SubmissionGrouping implements AutoCloseable {

    /**
     * @param linger how long the drainer keeps collecting after the first submission of a group;
     *     zero for no grouping
     * @param maxGroupSize most submissions collected into one group
     * @param queueCapacity most submissions waiting to be collected; more are refused
     * @param groupsInFlight most groups with the intake at once
     * @param stopTimeout how long {@link #close} waits for the waiting submissions to be handled
     */
    public record Settings(Duration linger, int maxGroupSize, int queueCapacity, int groupsInFlight, Duration stopTimeout) {

        public Settings {
            if (linger.isNegative() || stopTimeout.isNegative()) {
                throw new IllegalArgumentException("linger and stopTimeout must not be negative");
            }
            if (maxGroupSize < 1 || queueCapacity < 1 || groupsInFlight < 1) {
                throw new IllegalArgumentException("maxGroupSize, queueCapacity and groupsInFlight must be at least 1");
            }
        }
    }

    static final String QUEUE_FULL = "queue-full";
    static final String STOPPING = "stopping";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ResponseIntake intake;
    private final IntakeMetrics metrics;
    private final Settings settings;
    private final long lingerNanos;
    private final @Nullable BlockingQueue<Waiting> queue;
    private final @Nullable Thread drainer;
    private final @Nullable ExecutorService workers;
    private final Semaphore slots;
    /** Held (shared) while queueing, (exclusive) while stopping, so nothing is queued after the drainer's last look. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean stopping;

    public SubmissionGrouping(ResponseIntake intake, IntakeMetrics metrics, Settings settings) {
        this.intake = intake;
        this.metrics = metrics;
        this.settings = settings;
        this.lingerNanos = settings.linger().toNanos();
        this.slots = new Semaphore(settings.groupsInFlight());
        if (settings.linger().isZero()) {
            this.queue = null;
            this.drainer = null;
            this.workers = null;
            return;
        }
        int instance = INSTANCES.incrementAndGet();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        AtomicInteger workerCount = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.groupsInFlight(), runnable -> {
            Thread thread = new Thread(runnable, "single-submissions-" + instance + "-group-" + workerCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread thread = new Thread(this::drain, "single-submissions-" + instance + "-drainer");
        thread.setDaemon(true);
        this.drainer = thread;
        thread.start();
    }

    /**
     * Submits one response as {@link ResponseIntake#accept} does, and returns or throws what that
     * would: the result once the broker acknowledged the response (or it is a copy of one accepted),
     * or the refusal.
     *
     * @throws IntakeBusyException when too many submissions are waiting or the grouping is stopping;
     *     nothing of this one was recorded
     */
    public IntakeResult submit(String source, NewResponse response, @Nullable String idempotencyKey) {
        BlockingQueue<Waiting> waitingRoom = queue;
        if (waitingRoom == null) {
            return intake.accept(source, response, idempotencyKey);
        }
        Waiting waiting = new Waiting(source, response, idempotencyKey, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (stopping) {
                metrics.refusedBeforeIntake(STOPPING);
                throw new IntakeBusyException("The service is stopping; the response was not accepted, send it again");
            }
            if (!waitingRoom.offer(waiting)) {
                metrics.refusedBeforeIntake(QUEUE_FULL);
                throw new IntakeBusyException("Too many responses are waiting to be accepted; the response was not accepted, send it again");
            }
        } finally {
            gate.readLock().unlock();
        }
        return await(waiting);
    }

    /** Submissions queued and not yet collected into a group. */
    public int waiting() {
        BlockingQueue<Waiting> waitingRoom = queue;
        return waitingRoom == null ? 0 : waitingRoom.size();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Stops taking submissions (they are refused with {@link IntakeBusyException}), hands every one
     * already queued to the intake and waits, up to the stop timeout, until their callers have
     * their outcomes. Any still queued after that are refused rather than left waiting.
     */
    @Override
    public void close() {
        Thread drainerThread = drainer;
        ExecutorService workerPool = workers;
        BlockingQueue<Waiting> waitingRoom = queue;
        if (drainerThread == null || workerPool == null || waitingRoom == null) {
            return;
        }
        gate.writeLock().lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
        } finally {
            gate.writeLock().unlock();
        }
        // Wakes the drainer from waiting for a first submission or from lingering; from now on it only
        // takes what is queued, without waiting, and ends when the queue is empty.
        drainerThread.interrupt();
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        try {
            drainerThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            workerPool.shutdown();
            workerPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workerPool.shutdown();
        for (Waiting left = waitingRoom.poll(); left != null; left = waitingRoom.poll()) {
            left.outcome().complete(IntakeOutcome.refused(
                    new IntakeBusyException("The service stopped before the response was accepted; send it again")));
        }
    }

    private void drain() {
        BlockingQueue<Waiting> waitingRoom = Objects.requireNonNull(queue);
        List<Waiting> collected = new ArrayList<>(settings.maxGroupSize());
        while (true) {
            // A free slot first: while every slot is busy the submissions wait in the queue and the
            // next group takes them all, instead of many small groups queueing for the intake.
            slots.acquireUninterruptibly();
            Waiting first = stopping ? waitingRoom.poll() : takeUnlessStopping(waitingRoom);
            if (first == null) {
                slots.release();
                return;
            }
            collected.add(first);
            collect(waitingRoom, collected);
            dispatch(List.copyOf(collected));
            collected.clear();
        }
    }

    private static @Nullable Waiting takeUnlessStopping(BlockingQueue<Waiting> waitingRoom) {
        try {
            return waitingRoom.take();
        } catch (InterruptedException e) {
            // Interrupted by close: what is left, without waiting.
            return waitingRoom.poll();
        }
    }

    private void collect(BlockingQueue<Waiting> waitingRoom, List<Waiting> collected) {
        int max = settings.maxGroupSize();
        long deadline = System.nanoTime() + lingerNanos;
        while (collected.size() < max) {
            waitingRoom.drainTo(collected, max - collected.size());
            long left = deadline - System.nanoTime();
            if (collected.size() >= max || left <= 0 || stopping) {
                return;
            }
            Waiting next;
            try {
                next = waitingRoom.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Stopping: nothing more arrives, so the group takes what is queued and goes.
                continue;
            }
            if (next == null) {
                return;
            }
            collected.add(next);
        }
    }

    private void dispatch(List<Waiting> group) {
        ExecutorService workerPool = Objects.requireNonNull(workers);
        try {
            workerPool.execute(() -> {
                try {
                    hand(group);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            group.forEach(waiting -> waiting.outcome().complete(IntakeOutcome.refused(
                    new IntakeBusyException("The service stopped before the response was accepted; send it again"))));
        }
    }

    private void hand(List<Waiting> group) {
        Map<String, List<Waiting>> bySource = new LinkedHashMap<>();
        for (Waiting waiting : group) {
            bySource.computeIfAbsent(waiting.source(), source -> new ArrayList<>()).add(waiting);
        }
        try {
            bySource.forEach(this::handToIntake);
        } catch (Error e) {
            group.forEach(waiting -> waiting.outcome().completeExceptionally(e));
            throw e;
        }
    }

    private void handToIntake(String source, List<Waiting> members) {
        metrics.grouped(members.size());
        List<IntakeOutcome> outcomes;
        try {
            outcomes = intake.acceptAll(source, members.stream().map(Waiting::response).toList(),
                    members.stream().map(Waiting::idempotencyKey).toList());
        } catch (RuntimeException e) {
            // The call failed as a whole (the ledger unreachable, say): each member is refused as a
            // single submission would have been, and nothing of theirs counts as accepted.
            members.forEach(waiting -> waiting.outcome().complete(IntakeOutcome.refused(e)));
            return;
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i).outcome().complete(outcomes.get(i));
        }
    }

    private static IntakeResult await(Waiting waiting) {
        IntakeOutcome outcome;
        try {
            outcome = waiting.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeBusyException("Interrupted while the response was being accepted; it may or may not have been, "
                    + "and sending it again is safe");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("The intake failed unexpectedly", e.getCause());
        }
        IntakeResult result = outcome.result();
        if (result != null) {
            return result;
        }
        throw Objects.requireNonNull(outcome.refusal(), "an outcome is taken or refused");
    }

    private record Waiting(String source, NewResponse response, @Nullable String idempotencyKey,
            CompletableFuture<IntakeOutcome> outcome) {
    }
}
