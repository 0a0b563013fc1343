package io.npsloop.ingest.apikeys;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each key was last used, noted in memory on every authenticated request and written to the
 * store in one batch per refresh: a write per request would double the store's load for a figure
 * an admin reads to see whether a key is still in use, where a few seconds do not matter.
 */
public final class KeyUsage {

    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> unsaved = new ConcurrentHashMap<>();

    public KeyUsage(Clock clock) {
        this.clock = clock;
    }

    public void used(String name) {
        unsaved.merge(name, clock.instant().truncatedTo(ChronoUnit.MILLIS), KeyUsage::later);
    }

    /** The uses noted since the last drain, removed from memory; {@link #restore} them if they cannot be saved. */
    public Map<String, Instant> drain() {
        Map<String, Instant> drained = new HashMap<>();
        for (Map.Entry<String, Instant> entry : unsaved.entrySet()) {
            // Removed only if unchanged: a use noted meanwhile stays for the next drain.
            if (unsaved.remove(entry.getKey(), entry.getValue())) {
                drained.put(entry.getKey(), entry.getValue());
            }
        }
        return drained;
    }

    public void restore(Map<String, Instant> uses) {
        uses.forEach((name, at) -> unsaved.merge(name, at, KeyUsage::later));
    }

    /** The uses noted here and not yet saved. */
    public Map<String, Instant> unsaved() {
        return Map.copyOf(unsaved);
    }

    public static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
