package io.npsloop.scoring.nps;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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

    private void publish(ResponseSubmitted event, ScoredResponse scored) {
        events.scored(scoredEvent(event, scored));
        List<DayBucket> touched = scored.touched();
        store.tallies(touched).forEach((bucket, figure) -> events.metrics(metrics(
                derivedId("metrics", bucket.id() + "|" + scored.key(), scored.revision()),
                event, bucket.segment(), DAY_PERIOD, DayRange.of(bucket.day(), bucket.day()), figure)));
        if (publishRollingFigures) {
            publishRolling(event, scored, touched);
        }
    }

    /**
     * One range query per touched segment (the longest window) serves all windows of that segment.
     * A window is published only if it contains a day the response changed: the others did not move.
     */
    private void publishRolling(ResponseSubmitted event, ScoredResponse scored, List<DayBucket> touched) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DayRange longest = RollingWindow.longest().endingOn(today);
        Map<Segment, List<LocalDate>> daysBySegment = new LinkedHashMap<>();
        for (DayBucket bucket : touched) {
            if (longest.contains(bucket.day())) {
                daysBySegment.computeIfAbsent(bucket.segment(), segment -> new ArrayList<>()).add(bucket.day());
            }
        }
        daysBySegment.forEach((segment, days) -> {
            NavigableMap<LocalDate, VersionedTally> daily = store.daily(segment, longest);
            for (RollingWindow window : RollingWindow.values()) {
                DayRange range = window.endingOn(today);
                if (days.stream().noneMatch(range::contains)) {
                    continue;
                }
                VersionedTally figure = VersionedTally.sum(daily.subMap(range.from(), true, range.to(), true).values());
                String metricsKey = segment.key() + "|" + window.name() + "|" + range.to();
                events.metrics(metrics(derivedId("metrics", metricsKey + "|" + scored.key(), scored.revision()),
                        event, segment, window.name(), range, figure));
            }
        });
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
