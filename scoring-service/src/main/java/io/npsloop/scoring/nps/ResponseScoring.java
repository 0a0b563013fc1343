package io.npsloop.scoring.nps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.EventIds;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.SignificanceRules;

/**
 * Scores a batch of input records. For the whole batch at once: the responses already counted and
 * the customers' histories are read, each record is decided in input order against what the batch
 * has decided so far ({@link ScoringDecision}: two revisions of one response in one batch count once,
 * in the newer one), the tally changes are applied exactly once ({@link TallyBatch}), the responses
 * and answers are stored, and then the scored responses and one {@code DAY} figure per bucket the
 * batch touched are published. The order matters for crashes: the tallies are written first (their
 * per-partition offset guard makes a second attempt change nothing), then the events are published,
 * and only then are the responses saved, the mark that the batch is done. A batch that dies before
 * that mark is decided again as it was the first time; event ids are derived from the input (a
 * figure's from its bucket and version), so it republishes the same events and consumers drop the copies.
 * <p>
 * Each figure carries the day's count per score, unless the day counted answers before scores were
 * counted per day (then its counts are incomplete, and the figure says nothing rather than something
 * wrong). Rolling-window figures are not published: a consumer that wants a window sums the {@code DAY}
 * figures of its days (reporting does), and scoring's NPS API answers any window from the daily
 * tallies. Per response that saves the 7/30/90-day figures and the 90-day reads behind them.
 */
public class ResponseScoring {

    public static final String DAY_PERIOD = "DAY";

    private final ScoringDecision decision;
    private final ScoringStore store;
    private final ScoringEvents events;
    private final Clock clock;
    private final SignificanceRules rules;

    /** With the default minimum sample size (30) for the {@code insufficient} flag of published figures. */
    public ResponseScoring(ScoringDecision decision, ScoringStore store, ScoringEvents events, Clock clock) {
        this(decision, store, events, clock, SignificanceRules.DEFAULTS);
    }

    public ResponseScoring(ScoringDecision decision, ScoringStore store, ScoringEvents events, Clock clock,
            SignificanceRules rules) {
        this.decision = decision;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.rules = rules;
    }

    /** One record alone: {@link #scoreAll} with a batch of one. */
    public ScoringDecision.Outcome score(ResponseSubmitted event, int partition, long offset) {
        return scoreAll(List.of(new ScoringInput(event, partition, offset))).get(0);
    }

    /** Scores the records, in order; returns what each did. */
    public List<ScoringDecision.Outcome> scoreAll(List<ScoringInput> batch) {
        batch.forEach(input -> requireComplete(input.event()));
        Set<String> keys = new LinkedHashSet<>();
        Set<String> customers = new LinkedHashSet<>();
        for (ScoringInput input : batch) {
            keys.add(ScoringDecision.responseKey(input.event().source(), input.event().responseId()));
            customers.add(input.event().customerId());
        }
        Map<String, ScoredResponse> responses = new HashMap<>(store.findResponses(keys));
        Map<String, CustomerHistory> histories = new HashMap<>(store.findCustomerHistories(customers));

        List<ScoringDecision.Outcome> outcomes = new ArrayList<>(batch.size());
        List<TallyChange> changes = new ArrayList<>();
        Map<String, ScoredResponse> toSave = new LinkedHashMap<>();
        Map<String, CustomerAnswer> answers = new LinkedHashMap<>();
        Map<DayBucket, String> lastResponseOf = new LinkedHashMap<>();
        List<ResponseScored> scored = new ArrayList<>();
        for (ScoringInput input : batch) {
            ResponseSubmitted event = input.event();
            String key = ScoringDecision.responseKey(event.source(), event.responseId());
            ScoredResponse existing = responses.get(key);
            CustomerHistory history = existing == null ? histories.getOrDefault(event.customerId(), CustomerHistory.EMPTY)
                    : CustomerHistory.EMPTY;
            ScoringDecision.Outcome outcome = decision.decide(event, input.position(), existing, history);
            outcomes.add(outcome);
            if (outcome instanceof ScoringDecision.Outcome.Applied applied) {
                applied.deltas().forEach((bucket, delta) -> changes.add(new TallyChange(bucket, input.partition(), input.offset(), delta)));
                responses.put(key, applied.scored());
                toSave.put(key, applied.scored());
                CustomerAnswer answer = new CustomerAnswer(event.customerId(), key, event.responseId(), event.score(),
                        applied.scored().category(), event.occurredAt());
                answers.put(event.customerId() + "|" + key, answer);
                histories.put(event.customerId(), histories.getOrDefault(event.customerId(), CustomerHistory.EMPTY).with(answer));
                applied.scored().touched().forEach(bucket -> lastResponseOf.put(bucket, event.responseId()));
                scored.add(scoredEvent(event, applied.scored()));
            } else if (outcome instanceof ScoringDecision.Outcome.Redelivery redelivery) {
                // The very record applied before: its outputs again. Copies are dropped by id; a response saved
                // before its events went out (the order of earlier builds) gets them now.
                redelivery.scored().touched().forEach(bucket -> lastResponseOf.put(bucket, event.responseId()));
                scored.add(scoredEvent(event, redelivery.scored()));
            }
            // A duplicate was counted already; publishing it again would only create work for consumers.
        }
        if (!changes.isEmpty()) {
            store.applyTallies(changes);
        }
        // Published before the responses are saved: a saved response is the mark that its batch is done,
        // events included. Saved first, a failed send would leave a lower revision replaced in the same
        // batch decided as a duplicate when the batch comes back, and its event would never go out.
        if (!scored.isEmpty()) {
            events.publish(scored, figures(lastResponseOf));
        }
        if (!toSave.isEmpty()) {
            // The answers (idempotent) before the responses, so a batch that dies between the two
            // comes back undone instead of done with its customers' histories missing an answer.
            store.recordCustomerAnswers(List.copyOf(answers.values()));
            store.saveResponses(List.copyOf(toSave.values()));
        }
        return outcomes;
    }

    /**
     * A record without what scoring keys, buckets and publishes by is poison: refused before
     * anything is written, so it goes to the dead-letter topic instead of being counted and then
     * failing to publish.
     */
    public static void requireComplete(ResponseSubmitted event) {
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
     * The {@code DAY} figure of every bucket the batch touched, from one read of the tallies after the
     * batch's writes (another partition's consumer may have changed a bucket meanwhile; the version
     * orders the figures). The id is the bucket's and the version's, so the same state is one event.
     */
    private List<NpsMetricsUpdated> figures(Map<DayBucket, String> lastResponseOf) {
        Map<DayBucket, VersionedTally> tallies = store.tallies(List.copyOf(lastResponseOf.keySet()));
        List<NpsMetricsUpdated> figures = new ArrayList<>(tallies.size());
        lastResponseOf.forEach((bucket, responseId) -> {
            VersionedTally figure = tallies.get(bucket);
            figures.add(metrics(derivedId("metrics", bucket.id(), figure.version()), responseId, bucket.segment(), DAY_PERIOD,
                    DayRange.of(bucket.day(), bucket.day()), figure));
        });
        return figures;
    }

    private NpsMetricsUpdated metrics(String eventId, String responseId, Segment segment, String period, DayRange range,
            VersionedTally figure) {
        NpsInterval interval = figure.tally().interval();
        return new NpsMetricsUpdated(
                eventId,
                EventTypes.NPS_METRICS_UPDATED,
                NpsMetricsUpdated.SCHEMA_VERSION,
                clock.instant(),
                responseId,
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
                figure.version(),
                figure.scores().ifComplete(figure.tally().n()),
                interval == null ? null : interval.lower(),
                interval == null ? null : interval.upper(),
                rules.insufficient(figure.tally().n()));
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
    static String derivedId(String kind, String key, long revision) {
        return EventIds.derived(kind, key, revision);
    }
}
