package io.npsloop.scoring.nps;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;

/**
 * Scores one input record: decides what it changes ({@link ScoringDecision}), applies the tally
 * changes exactly once, remembers the response and the customer's answer, then publishes the
 * scored response and the new figures of every bucket it touched: the day, and each rolling window
 * ending on the processing day that contains that day. The order matters for crashes: state is
 * written before events are published, and event ids are derived from the input, so a redelivered
 * record republishes the same events and consumers drop the copies.
 */
public class ResponseScoring {

    public static final String DAY_PERIOD = "DAY";

    private final ScoringDecision decision;
    private final ScoringStore store;
    private final ScoringEvents events;
    private final Clock clock;
    private final ZoneId zone;
    private final boolean publishRollingFigures;

    public ResponseScoring(ScoringDecision decision, ScoringStore store, ScoringEvents events, Clock clock, ZoneId zone,
            boolean publishRollingFigures) {
        this.decision = decision;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
        this.publishRollingFigures = publishRollingFigures;
    }

    public ScoringDecision.Outcome score(ResponseSubmitted event, int partition, long offset) {
        requireComplete(event);
        String position = partition + ":" + offset;
        String key = ScoringDecision.responseKey(event.source(), event.responseId());
        ScoredResponse existing = store.findResponse(key);
        CustomerHistory history = existing == null ? store.findCustomerHistory(event.customerId()) : CustomerHistory.EMPTY;
        ScoringDecision.Outcome outcome = decision.decide(event, position, existing, history);
        if (outcome instanceof ScoringDecision.Outcome.Applied applied) {
            store.applyDeltas(applied.deltas(), partition, offset);
            store.saveResponse(applied.scored());
            store.recordCustomerAnswer(new CustomerAnswer(event.customerId(), key, event.responseId(),
                    event.score(), applied.scored().category(), event.occurredAt()));
            publish(event, applied.scored());
        } else if (outcome instanceof ScoringDecision.Outcome.Redelivery redelivery) {
            publish(event, redelivery.scored());
        }
        // A duplicate was counted already; publishing it again would only create work for consumers.
        return outcome;
    }

    /**
     * A record without what scoring keys, buckets and publishes by is poison: refused before
     * anything is written, so it goes to the dead-letter topic instead of being counted and then
     * failing to publish.
     */
    static void requireComplete(ResponseSubmitted event) {
        List<String> missing = new ArrayList<>();
        if (blank(event.source())) {
            missing.add("source");
        }
        if (blank(event.responseId())) {
            missing.add("responseId");
        }
        if (blank(event.customerId())) {
            missing.add("customerId");
        }
        if (event.occurredAt() == null) {
            missing.add("occurredAt");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("A response needs " + String.join(", ", missing));
        }
        if (event.revision() < 1) {
            throw new IllegalArgumentException("A revision is 1 or more, got " + event.revision());
        }
        Classification.of(event.score());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * All figures of one record come from one point read of the tallies they sum: the touched days,
     * and every day of the longest rolling window of each segment with a touched day inside it
     * (windows are at most 90 days, so that is at most 90 ids per segment, read by id).
     */
    private void publish(ResponseSubmitted event, ScoredResponse scored) {
        List<DayBucket> touched = scored.touched();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DayRange longest = RollingWindow.longest().endingOn(today);
        Map<Segment, List<LocalDate>> rollingDays = new LinkedHashMap<>();
        if (publishRollingFigures) {
            for (DayBucket bucket : touched) {
                if (longest.contains(bucket.day())) {
                    rollingDays.computeIfAbsent(bucket.segment(), segment -> new ArrayList<>()).add(bucket.day());
                }
            }
        }
        Set<DayBucket> needed = new LinkedHashSet<>(touched);
        rollingDays.keySet().forEach(segment -> longest.eachDay().forEach(day -> needed.add(new DayBucket(segment, day))));
        Map<DayBucket, VersionedTally> tallies = store.tallies(List.copyOf(needed));

        List<NpsMetricsUpdated> figures = new ArrayList<>();
        for (DayBucket bucket : touched) {
            figures.add(metrics(derivedId("metrics", bucket.id() + "|" + scored.key(), scored.revision()),
                    event, bucket.segment(), DAY_PERIOD, DayRange.of(bucket.day(), bucket.day()), tallies.get(bucket)));
        }
        // A window is published only if it contains a day the response changed: the others did not move.
        rollingDays.forEach((segment, days) -> {
            for (RollingWindow window : RollingWindow.values()) {
                DayRange range = window.endingOn(today);
                if (days.stream().noneMatch(range::contains)) {
                    continue;
                }
                VersionedTally figure = VersionedTally.sum(range.eachDay()
                        .map(day -> tallies.get(new DayBucket(segment, day))).toList());
                String metricsKey = segment.key() + "|" + window.name() + "|" + range.to();
                figures.add(metrics(derivedId("metrics", metricsKey + "|" + scored.key(), scored.revision()),
                        event, segment, window.name(), range, figure));
            }
        });
        events.publish(scoredEvent(event, scored), figures);
    }

    private NpsMetricsUpdated metrics(String eventId, ResponseSubmitted event, Segment segment, String period, DayRange range,
            VersionedTally figure) {
        return new NpsMetricsUpdated(
                eventId,
                EventTypes.NPS_METRICS_UPDATED,
                NpsMetricsUpdated.SCHEMA_VERSION,
                clock.instant(),
                event.responseId(),
                segment.dimension(),
                segment.value(),
                period,
                range.from(),
                range.to(),
                figure.tally().n(),
                figure.tally().promoters(),
                figure.tally().passives(),
                figure.tally().detractors(),
                figure.tally().nps(),
                figure.tally().standardError(),
                figure.tally().marginOfError(),
                figure.version());
    }

    private static ResponseScored scoredEvent(ResponseSubmitted event, ScoredResponse scored) {
        return new ResponseScored(
                derivedId("scored", scored.key(), scored.revision()),
                EventTypes.RESPONSE_SCORED,
                ResponseScored.SCHEMA_VERSION,
                event.occurredAt(),
                event.source(),
                event.responseId(),
                event.revision(),
                event.surveyId(),
                event.customerId(),
                event.accountId(),
                event.contact(),
                event.score(),
                scored.category(),
                scored.previousScore(),
                scored.previousCategory(),
                scored.previousResponseId(),
                event.comment(),
                event.channel(),
                event.touchpoint(),
                event.attributes(),
                event.accountValue());
    }

    /** Ids derived from the input, so a republished event has the id of its first publication. */
    static String derivedId(String kind, String key, int revision) {
        return UUID.nameUUIDFromBytes((kind + "|" + key + "|" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
