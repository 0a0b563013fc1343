package io.npsloop.bench.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waiting between polls of a condition. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Parks until the given {@link System#nanoTime()} (open-loop load: each request has its due time). */
    static void until(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
