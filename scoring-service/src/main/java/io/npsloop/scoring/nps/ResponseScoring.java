package io.npsloop.scoring.nps;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;

/**
 * Scores one input record: decides what it changes ({@link ScoringDecision}), applies the tally
 * changes exactly once, remembers the response and the customer's latest answer, then publishes the
 * scored response and the new daily figures of every bucket it touched. The order matters for
 * crashes: state is written before events are published, and event ids are derived from the input,
 * so a redelivered record republishes the same events and consumers drop the copies.
 */
public class ResponseScoring {

    public static final String DAY_PERIOD = "DAY";

    private final ScoringDecision decision;
    private final ScoringStore store;
    private final ScoringEvents events;
    private final Clock clock;

    public ResponseScoring(ScoringDecision decision, ScoringStore store, ScoringEvents events, Clock clock) {
        this.decision = decision;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public ScoringDecision.Outcome score(ResponseSubmitted event, int partition, long offset) {
        String position = partition + ":" + offset;
        String key = ScoringDecision.responseKey(event.source(), event.responseId());
        ScoredResponse existing = store.findResponse(key);
        CustomerLastAnswer customerLast = existing == null ? store.findCustomer(event.customerId()) : null;
        ScoringDecision.Outcome outcome = decision.decide(event, position, existing, customerLast);
        if (outcome instanceof ScoringDecision.Outcome.Applied applied) {
            store.applyDeltas(applied.deltas(), partition, offset);
            store.saveResponse(applied.scored());
            store.recordCustomerAnswer(new CustomerLastAnswer(event.customerId(), key, event.responseId(),
                    event.score(), applied.scored().category(), event.occurredAt()));
            publish(event, applied.scored(), store.tallies(applied.touched()));
        } else if (outcome instanceof ScoringDecision.Outcome.Redelivery redelivery) {
            publish(event, redelivery.scored(), store.tallies(redelivery.scored().buckets()));
        }
        // A duplicate was counted already; publishing it again would only create work for consumers.
        return outcome;
    }

    private void publish(ResponseSubmitted event, ScoredResponse scored, Map<DayBucket, VersionedTally> figures) {
        events.scored(new ResponseScored(
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
                event.accountValue()));
        figures.forEach((bucket, figure) -> events.metrics(new NpsMetricsUpdated(
                derivedId("metrics", bucket.id() + "|" + scored.key(), scored.revision()),
                EventTypes.NPS_METRICS_UPDATED,
                NpsMetricsUpdated.SCHEMA_VERSION,
                clock.instant(),
                event.responseId(),
                bucket.segment().dimension(),
                bucket.segment().value(),
                DAY_PERIOD,
                bucket.day(),
                bucket.day(),
                figure.tally().n(),
                figure.tally().promoters(),
                figure.tally().passives(),
                figure.tally().detractors(),
                figure.tally().nps(),
                figure.tally().standardError(),
                figure.tally().marginOfError(),
                figure.version())));
    }

    private static String derivedId(String kind, String key, int revision) {
        return UUID.nameUUIDFromBytes((kind + "|" + key + "|" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
