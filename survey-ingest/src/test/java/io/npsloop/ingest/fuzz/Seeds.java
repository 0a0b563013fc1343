package io.npsloop.ingest.fuzz;

import java.util.concurrent.ThreadLocalRandom;

/** The seed of a generated corpus: fresh on every run, or fixed with {@code -Dnps.fuzz.seed=N} to replay a failure. */
public final class Seeds {

    private Seeds() {
    }

    public static long next() {
        Long fixed = Long.getLong("nps.fuzz.seed");
        return fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
    }
}
