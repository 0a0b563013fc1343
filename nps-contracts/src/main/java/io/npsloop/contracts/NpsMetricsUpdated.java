package io.npsloop.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The current figures of one segment over one period, on {@link Topics#METRICS}, keyed by
 * {@link #key()}: the latest record per key is the current state, so the topic can be compacted.
 * {@code period} is a calendar day ({@code DAY}, {@code from == to}); {@code from} and {@code to}
 * are inclusive days in the scoring time zone. scoring-service publishes one {@code DAY} figure per
 * bucket a batch of responses touched, not one per response, and no rolling windows: a reader that
 * wants a window sums the days in it (each day's figure is exact, so the sum is too). The schema
 * still names the rolling periods ({@code ROLLING_7D}, {@code ROLLING_30D}, {@code ROLLING_90D})
 * that earlier producers published; readers ignore periods they do not use. {@code version} grows
 * with every change to the figure's underlying tally: records of one key can be published out of
 * order by parallel scoring consumers, and a reader keeps the highest version. {@code scores} is the
 * number of answers per score ({@code scores[score]}, 11 counts from 0 to 10, summing to {@code n})
 * in the same tally; it is null where the producer does not know them: records of earlier
 * producers, and days that counted answers before scores were counted per day.
 *
 * <p>{@code standardError} and {@code marginOfError} are the plain (Wald) figures of the first
 * version, kept for the readers that use them; they understate the uncertainty at small n. The
 * interval to show is {@code lower} to {@code upper}: the adjusted Wald 95% interval of Rocks (2016),
 * clipped to [-100, 100] (see nps-statistics). {@code insufficient} is true when n is below the
 * producer's minimum sample size: show the figure as such, claim nothing from it. The three are null
 * in records of earlier producers, and the bounds are null when n is 0.
 */
public record NpsMetricsUpdated(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String responseId,
        String dimension,
        String segment,
        String period,
        LocalDate from,
        LocalDate to,
        long n,
        long promoters,
        long passives,
        long detractors,
        double nps,
        double standardError,
        double marginOfError,
        long version,
        @Nullable List<Long> scores,
        @Nullable Double lower,
        @Nullable Double upper,
        @Nullable Boolean insufficient) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** A figure without its interval (the fields before the adjusted interval). */
    public NpsMetricsUpdated(String eventId, String eventType, int schemaVersion, Instant occurredAt, String responseId,
            String dimension, String segment, String period, LocalDate from, LocalDate to, long n, long promoters,
            long passives, long detractors, double nps, double standardError, double marginOfError, long version,
            @Nullable List<Long> scores) {
        this(eventId, eventType, schemaVersion, occurredAt, responseId, dimension, segment, period, from, to, n, promoters,
                passives, detractors, nps, standardError, marginOfError, version, scores, null, null, null);
    }

    /** A figure without score counts (the first version's fields). */
    public NpsMetricsUpdated(String eventId, String eventType, int schemaVersion, Instant occurredAt, String responseId,
            String dimension, String segment, String period, LocalDate from, LocalDate to, long n, long promoters,
            long passives, long detractors, double nps, double standardError, double marginOfError, long version) {
        this(eventId, eventType, schemaVersion, occurredAt, responseId, dimension, segment, period, from, to, n, promoters,
                passives, detractors, nps, standardError, marginOfError, version, null, null, null, null);
    }

    /** The record key: one current state per dimension, segment, period and end day. */
    @Override
    public String key() {
        return dimension + "|" + segment + "|" + period + "|" + to;
    }
}
