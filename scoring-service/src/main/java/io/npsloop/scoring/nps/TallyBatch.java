package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Coalesces the tally changes of a batch into one write per bucket, against what each bucket
 * already holds. For every partition that changed a bucket, only the changes above the highest
 * offset the bucket has applied from that partition count; their sum is written in one update
 * that moves that offset to the highest of them, guarded by the offset it was read at.
 * <p>
 * This is what keeps "applied exactly once" whatever the batch boundaries: a batch redelivered
 * after a crash, or cut differently after a rebalance, brings changes the bucket holds (at or below
 * its offset: skipped) and changes it does not (above it: applied), and the guard makes a write
 * computed from a stale read fail instead of applying anything twice.
 */
public final class TallyBatch {

    private TallyBatch() {
    }

    /** What one bucket still has to apply: the summed delta, and per partition the offset read and the offset after. */
    public record Pending(DayBucket bucket, TallyDelta delta, Map<Integer, @Nullable Long> offsetsRead, Map<Integer, Long> offsetsAfter) {
    }

    /** How far a bucket has applied a partition, or null if it never applied any of it. */
    @FunctionalInterface
    public interface AppliedOffsets {

        @Nullable Long of(DayBucket bucket, int partition);
    }

    /** The writes the changes still need, one per bucket that has any change not yet applied, in first-change order. */
    public static List<Pending> pending(List<TallyChange> changes, AppliedOffsets applied) {
        Map<DayBucket, Map<Integer, List<TallyChange>>> byBucket = new LinkedHashMap<>();
        for (TallyChange change : changes) {
            byBucket.computeIfAbsent(change.bucket(), bucket -> new TreeMap<>())
                    .computeIfAbsent(change.partition(), partition -> new ArrayList<>()).add(change);
        }
        List<Pending> pending = new ArrayList<>();
        byBucket.forEach((bucket, partitions) -> {
            TallyDelta delta = TallyDelta.NONE;
            Map<Integer, @Nullable Long> read = new TreeMap<>();
            Map<Integer, Long> after = new TreeMap<>();
            for (Map.Entry<Integer, List<TallyChange>> entry : partitions.entrySet()) {
                int partition = entry.getKey();
                Long offset = applied.of(bucket, partition);
                long highest = -1;
                for (TallyChange change : entry.getValue()) {
                    if (offset == null || change.offset() > offset) {
                        delta = delta.plus(change.delta());
                        highest = Math.max(highest, change.offset());
                    }
                }
                if (highest >= 0) {
                    read.put(partition, offset);
                    after.put(partition, highest);
                }
            }
            if (!after.isEmpty()) {
                pending.add(new Pending(bucket, delta, read, after));
            }
        });
        return pending;
    }
}
