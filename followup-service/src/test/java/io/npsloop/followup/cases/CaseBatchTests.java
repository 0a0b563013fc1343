package io.npsloop.followup.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumers' batch paths on in-memory ports: a batch of alerts or answers leaves what its
 * records handled one at a time would leave, with one read, one write and one send; duplicates in
 * a batch and redelivered batches with other boundaries change nothing.
 */
class CaseBatchTests {

    private static final AdvocacyRule PROMOTERS = new AdvocacyRule(true, 9, Map.of(), "advocacy");

    private final InMemoryFollowup f = new InMemoryFollowup();
    private final CaseOpening opening = f.opening(PROMOTERS);
    private final LoopClosure closure = f.closure(PROMOTERS);

    @Test
    void anAlertTwiceInABatchOpensOneCaseCountedAndAnnouncedOnce() {
        DetractorAlertRaised a = alert();
        DetractorAlertRaised b = alert();

        List<FollowupCase> opened = opening.openAll(List.of(a, b, a));

        assertThat(opened).extracting(FollowupCase::alertId).containsExactly(a.alertId(), b.alertId(), a.alertId());
        assertThat(opened.get(2)).isSameAs(opened.get(0));
        assertThat(f.store.cases).hasSize(2);
        assertThat(f.published).extracting(OutgoingEvent::eventType).containsExactly(EventTypes.CASE_OPENED, EventTypes.CASE_OPENED);
        assertThat(f.metrics.counted).containsEntry("opened:RECOVERY:customer-care", 2);
        assertThat(f.store.outboxes.values()).allSatisfy(outbox -> assertThat(outbox).isEmpty());
    }

    @Test
    void aBatchOfAlertsIsOneReadOneInsertAndOneSendWhateverItsSize() {
        List<DetractorAlertRaised> alerts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alerts.add(alert());
        }

        opening.openAll(alerts);

        assertThat(f.store.cases).hasSize(300);
        assertThat(f.store.calls).containsExactlyInAnyOrderEntriesOf(Map.of("findAll", 1, "insertAll", 1, "acknowledgeAll", 1));
        assertThat(f.broker.sends).isEqualTo(1);
        assertThat(f.published).hasSize(300);
    }

    @Test
    void aRedeliveredBatchWithOtherBoundariesOpensAndAnnouncesNothingNew() {
        List<DetractorAlertRaised> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.add(alert());
        }

        opening.openAll(alerts.subList(0, 5));
        // After a rebalance the next consumer starts from the last committed offset: records 3 to 8.
        opening.openAll(alerts.subList(2, 8));

        assertThat(f.store.cases).hasSize(8);
        assertThat(f.published).extracting(OutgoingEvent::eventId).hasSize(8).doesNotHaveDuplicates();
        assertThat(f.metrics.counted).containsEntry("opened:RECOVERY:customer-care", 8);
    }

    @Test
    void aBatchStoredWhileTheBrokerWasDownIsAnnouncedOnceByItsRedelivery() {
        List<DetractorAlertRaised> alerts = List.of(alert(), alert(), alert());
        f.broker.down = true;

        opening.openAll(alerts);

        assertThat(f.store.cases).hasSize(3);
        assertThat(f.published).isEmpty();
        assertThat(f.store.outboxes.values()).allSatisfy(outbox -> assertThat(outbox).hasSize(1));

        f.broker.down = false;
        opening.openAll(List.of(alerts.get(1), alerts.get(2), alert()));
        f.clock.advance(Duration.ofMinutes(1));
        f.relay.sweep(f.clock.instant(), Duration.ofSeconds(10));

        assertThat(f.store.cases).hasSize(4);
        assertThat(f.published).extracting(OutgoingEvent::eventId).hasSize(4).doesNotHaveDuplicates();
        assertThat(f.metrics.counted).as("counted when stored, not when announced").containsEntry("opened:RECOVERY:customer-care", 4);
        assertThat(f.store.outboxes.values()).allSatisfy(outbox -> assertThat(outbox).isEmpty());
    }

    @Test
    void aCustomersSecondAnswerInABatchFindsTheLoopClosedByTheFirst() {
        FollowupCase recovery = opening.open(alert());
        Instant later = f.clock.instant().plusSeconds(60);
        ResponseScored first = InMemoryFollowup.answer(recovery.customerId(), 8, Map.of(), later);
        ResponseScored second = InMemoryFollowup.answer(recovery.customerId(), 3, Map.of(), later.plusSeconds(60));

        closure.answeredAll(List.of(first, second, first));

        FollowupCase closed = f.store.find(recovery.caseId());
        assertThat(closed.answer().responseId()).isEqualTo(first.responseId());
        assertThat(closed.answer().transition()).isEqualTo("DETRACTOR->PASSIVE");
        assertThat(f.events(recovery.caseId(), EventTypes.LOOP_CLOSED)).hasSize(1);
        assertThat(f.metrics.counted).containsEntry("transition:RECORD_ANSWER", 1);
    }

    @Test
    void aPromoterAnswerTwiceInABatchCreatesOneTaskAndItsLaterAnswerClosesNoTask() {
        ResponseScored promoter = InMemoryFollowup.answer("c-p", 10, Map.of(), f.clock.instant());
        ResponseScored again = InMemoryFollowup.answer("c-p", 9, Map.of(), f.clock.instant().plusSeconds(60));

        closure.answeredAll(List.of(promoter, promoter, again));

        assertThat(f.store.cases.values()).extracting(FollowupCase::kind).containsOnly(CaseKind.ADVOCACY).hasSize(2);
        assertThat(f.store.cases.values()).allSatisfy(task -> assertThat(task.answer()).isNull());
        assertThat(f.published).extracting(OutgoingEvent::eventType)
                .containsExactly(EventTypes.ADVOCACY_TASK_CREATED, EventTypes.ADVOCACY_TASK_CREATED);
        assertThat(f.metrics.counted).containsEntry("opened:ADVOCACY:advocacy", 2);
    }

    @Test
    void aBatchOfAnswersIsOneReadOneWriteOfChangesOneInsertAndOneSend() {
        List<ResponseScored> answers = new ArrayList<>();
        opening.openAll(List.of(alert(), alert(), alert())).forEach(c ->
                answers.add(InMemoryFollowup.answer(c.customerId(), 9, Map.of(), f.clock.instant().plusSeconds(60))));
        f.store.calls.clear();
        f.broker.sends = 0;

        closure.answeredAll(answers);

        assertThat(f.store.calls).containsExactlyInAnyOrderEntriesOf(
                Map.of("ofCustomers", 1, "applyAll", 1, "insertAll", 1, "acknowledgeAll", 1));
        assertThat(f.broker.sends).isEqualTo(1);
        assertThat(f.published).filteredOn(e -> e.eventType().equals(EventTypes.LOOP_CLOSED)).hasSize(3);
        assertThat(f.published).filteredOn(e -> e.eventType().equals(EventTypes.ADVOCACY_TASK_CREATED)).hasSize(3);
    }

    @Test
    void anAgentsChangeBetweenReadAndWriteFailsTheBatchForThatCaseAloneAndItsRetryRecordsTheAnswer() {
        FollowupCase moved = opening.open(alert());
        FollowupCase kept = opening.open(alert());
        Instant later = f.clock.instant().plusSeconds(60);
        ResponseScored movedAnswer = InMemoryFollowup.answer(moved.customerId(), 7, Map.of(), later);
        ResponseScored keptAnswer = InMemoryFollowup.answer(kept.customerId(), 7, Map.of(), later);
        f.store.beforeApplyAll = () -> {
            f.store.beforeApplyAll = () -> {
            };
            f.work.claim(InMemoryFollowup.ADA, moved.caseId());
        };

        assertThatThrownBy(() -> closure.answeredAll(List.of(movedAnswer, keptAnswer)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(moved.caseId());
        assertThat(f.store.find(kept.caseId()).answer()).isNotNull();
        assertThat(f.events(kept.caseId(), EventTypes.LOOP_CLOSED)).as("the rest of the batch is published").hasSize(1);
        assertThat(f.store.find(moved.caseId()).answer()).isNull();

        // The edge hands the records over again one at a time.
        closure.answered(movedAnswer);
        closure.answered(keptAnswer);

        assertThat(f.store.find(moved.caseId()).answer().responseId()).isEqualTo(movedAnswer.responseId());
        assertThat(f.store.find(moved.caseId()).claimedBy()).isEqualTo("ada");
        assertThat(f.events(moved.caseId(), EventTypes.LOOP_CLOSED)).hasSize(1);
        assertThat(f.events(kept.caseId(), EventTypes.LOOP_CLOSED)).hasSize(1);
        assertThat(f.metrics.counted).containsEntry("transition:RECORD_ANSWER", 2);
    }

    /**
     * The law of the batch edge: however the answers are cut into batches, and whichever stretch of
     * them is delivered again, the cases, the events and the counts are those of handling each
     * answer once, in order.
     */
    @Property(tries = 200)
    void answersInBatchesLeaveWhatAnswersOneAtATimeLeave(@ForAll("answers") List<Answer> answers,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 20) Integer> cuts,
            @ForAll @IntRange(min = 0, max = 20) int redeliveredFrom, @ForAll @IntRange(min = 0, max = 20) int redeliveredTo) {
        InMemoryFollowup oneAtATime = new InMemoryFollowup();
        InMemoryFollowup inBatches = new InMemoryFollowup();
        List<DetractorAlertRaised> alerts = List.of(oneAtATime.alert(Severity.HIGH, "customer-care", Duration.ofHours(4)),
                oneAtATime.alert(Severity.HIGH, "customer-care", Duration.ofHours(4)),
                oneAtATime.alert(Severity.NORMAL, "customer-care", Duration.ofHours(4)));
        List<ResponseScored> scored = new ArrayList<>();
        for (Answer answer : answers) {
            scored.add(answer.repeat() && !scored.isEmpty() ? scored.get(scored.size() - 1)
                    : InMemoryFollowup.answer(alerts.get(answer.customer()).customerId(), answer.score(), Map.of(),
                            InMemoryFollowup.START.plusSeconds(answer.secondsAfterStart())));
        }

        oneAtATime.opening(PROMOTERS).openAll(alerts);
        scored.forEach(oneAtATime.closure(PROMOTERS)::answered);

        inBatches.opening(PROMOTERS).openAll(alerts);
        LoopClosure batches = inBatches.closure(PROMOTERS);
        int from = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, scored.size())).sorted().toList()) {
            if (cut > from) {
                batches.answeredAll(scored.subList(from, cut));
                from = cut;
            }
        }
        if (from < scored.size()) {
            batches.answeredAll(scored.subList(from, scored.size()));
        }
        int start = Math.min(redeliveredFrom, scored.size());
        int end = Math.min(Math.max(start, redeliveredTo), scored.size());
        if (end > start) {
            batches.answeredAll(scored.subList(start, end));
        }

        assertThat(inBatches.store.cases).isEqualTo(oneAtATime.store.cases);
        assertThat(inBatches.published).isEqualTo(oneAtATime.published);
        assertThat(inBatches.metrics.counted).isEqualTo(oneAtATime.metrics.counted);
        assertThat(inBatches.published).filteredOn(e -> e.payload() instanceof LoopClosed)
                .extracting(e -> ((LoopClosed) e.payload()).caseId()).doesNotHaveDuplicates();
    }

    /** A customer (of three), a score, when it was given (the alerts' answers were a minute before the start), or the previous answer again. */
    record Answer(int customer, int score, int secondsAfterStart, boolean repeat) {
    }

    @Provide
    Arbitrary<List<Answer>> answers() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(-120, 600), Arbitraries.integers().between(0, 4).map(n -> n == 0))
                .as(Answer::new).list().ofMinSize(1).ofMaxSize(12);
    }

    private DetractorAlertRaised alert() {
        return f.alert(Severity.HIGH, "customer-care", Duration.ofHours(4));
    }
}
