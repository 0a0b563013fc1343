package io.npsloop.reporting.projections.mongo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.contracts.Severity;
import io.npsloop.reporting.ReportingProperties;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.reporting.RandomStreams;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The batch writes of the projections (answers, alerts, cases) against the wire-compatible store: whatever a batch's
 * boundaries and order within the rules (two revisions of a response, a case's events duplicated or
 * late), the documents are those that writing the events one at a time leaves, and a batch delivered
 * again with other boundaries changes nothing.
 */
class MongoProjectionsIntegrationTests {

    static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");
    static final ReportingProperties PROPERTIES = new ReportingProperties(ZoneId.of("UTC"), List.of("region", "channel", "touchpoint"),
            Map.of(), "control", Duration.ofMinutes(1), 20, 30, 30, 5, 30, new ReportingProperties.Churn(Period.ofMonths(3), 30, 30,
                    Period.ofMonths(3), Duration.ofMinutes(15)));

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo("read_model_");

    static MongoDatabase freshDatabase() {
        return MONGO.freshDatabase();
    }

    static MongoAnswers answers(MongoDatabase database) {
        return new MongoAnswers(database, PROPERTIES);
    }

    static MongoAlerts alerts(MongoDatabase database) {
        return new MongoAlerts(database, PROPERTIES);
    }

    static MongoCases cases(MongoDatabase database) {
        return new MongoCases(database);
    }

    @Test
    void twoRevisionsOfOneResponseInOneBatchKeepTheLatestInEitherOrder() {
        ResponseScored first = scored("r-1", 1, 3);
        ResponseScored revised = scored("r-1", 2, 9);
        for (List<ResponseScored> batch : List.of(List.of(first, revised), List.of(revised, first))) {
            MongoAnswers model = answers(freshDatabase());

            model.saveAnswers(batch);
            model.saveAnswers(List.of(scored("r-2", 1, 7), first));

            assertThat(model.answers()).extracting(Answer::key, Answer::score)
                    .containsExactlyInAnyOrder(tuple("survey|r-1", 9), tuple("survey|r-2", 7));
        }
    }

    @Test
    void anyOutcomeIsAnsweredFromOneDocumentAndAgreesWithTheOutcomesKept() {
        MongoOutcomes outcomes = new MongoOutcomes(freshDatabase());
        assertThat(outcomes.any()).isFalse();

        outcomes.saveOutcomes(List.of(new CustomerOutcomeRecorded("e-o-1", EventTypes.CUSTOMER_OUTCOME_RECORDED,
                CustomerOutcomeRecorded.SCHEMA_VERSION, T0, T0, "billing", "o-1", "c-1", null, OutcomeKind.CANCELLED,
                new Money(new BigDecimal("10.00"), "EUR"), null, null)));

        assertThat(outcomes.any()).isTrue();
        assertThat(outcomes.outcomes()).hasSize(1);
    }

    @Test
    void ofTwoEqualRevisionsTheOneKeptFirstStays() {
        MongoAnswers model = answers(freshDatabase());

        model.saveAnswers(List.of(scored("r-1", 1, 3), scored("r-1", 1, 10)));
        model.saveAnswers(List.of(scored("r-1", 1, 5)));

        assertThat(model.answers()).singleElement().extracting(Answer::score).isEqualTo(3);
    }

    @Test
    void alertsOfABatchAreKeptOnceAlsoWhenDeliveredAgain() {
        MongoAlerts model = alerts(freshDatabase());

        model.saveAlerts(List.of(alert("a-1"), alert("a-2"), alert("a-1")));
        model.saveAlerts(List.of(alert("a-2"), alert("a-3")));

        assertThat(model.alerts()).extracting(a -> a.alertId()).containsExactlyInAnyOrder("a-1", "a-2", "a-3");
    }

    @Test
    void caseEventsDuplicatedAndLateInOneBatchLeaveWhatOneAtATimeLeaves() {
        List<Record> events = List.of(
                opened("case-1", "team-north"),
                status("case-1", 1, "CLAIMED", "agent-1"),
                contact("case-1", 2, true, T0.plusSeconds(600)),
                rootCause("case-1", 3, List.of("price")),
                status("case-1", 1, "CLAIMED", "agent-1"),
                status("case-1", 5, "RESOLVED", null),
                // Arrives after sequence 5 was applied: ignored, as it would be alone.
                incentive("case-1", 4, "credit"),
                contact("case-1", 2, true, T0.plusSeconds(600)),
                opened("case-1", "team-north"));
        MongoDatabase batched = freshDatabase();
        MongoDatabase single = freshDatabase();

        cases(batched).applyCaseEvents(events);
        events.forEach(event -> cases(single).applyCaseEvents(List.of(event)));

        assertThat(RandomStreams.documents(batched, MongoCases.CASES)).isEqualTo(RandomStreams.documents(single, MongoCases.CASES));
        CaseFact fact = cases(batched).cases().get(0);
        assertThat(fact.state()).isEqualTo("RESOLVED");
        assertThat(fact.resolved()).isTrue();
        assertThat(fact.owner()).isEqualTo("agent-1");
        assertThat(fact.queue()).isEqualTo("team-north");
        assertThat(fact.alertId()).isEqualTo("alert-case-1");
        assertThat(fact.firstContactAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(fact.rootCauses()).containsExactly("price");
        assertThat(fact.experiment()).as("the late incentive is not applied").isNull();
        assertThat(fact.sequence()).isEqualTo(5);
    }

    @Test
    void aCaseOpenedAndMovedInOneBatchTakesTheLaterQueueAndState() {
        MongoDatabase database = freshDatabase();

        cases(database).applyCaseEvents(List.of(opened("case-1", "team-north"), status("case-1", 1, "CLAIMED", "agent-1"),
                new CaseStatusChanged("e", EventTypes.CASE_STATUS_CHANGED, 1, T0, "case-1", "alert-case-1", "r-case-1", "cust-1",
                        "team-south", 2, "CLAIMED", "ESCALATED", "lead-1", null, null)));
        cases(database).applyCaseEvents(List.of(opened("case-1", "team-north")));

        CaseFact fact = cases(database).cases().get(0);
        assertThat(fact.queue()).isEqualTo("team-south");
        assertThat(fact.state()).isEqualTo("ESCALATED");
        assertThat(fact.owner()).isEqualTo("agent-1");
        assertThat(fact.openedAt()).isEqualTo(T0);
    }

    @Test
    void anyBatchBoundariesAndRedeliveriesLeaveWhatOneAtATimeLeaves() {
        for (long seed = 1; seed <= 25; seed++) {
            Random rnd = new Random(seed);
            List<Record> stream = stream(rnd);
            MongoDatabase single = freshDatabase();
            MongoDatabase batched = freshDatabase();

            stream.forEach(event -> cases(single).applyCaseEvents(List.of(event)));
            for (List<Record> batch : RandomStreams.batches(stream, rnd)) {
                cases(batched).applyCaseEvents(batch);
            }
            List<Document> expected = RandomStreams.documents(single, MongoCases.CASES);
            assertThat(RandomStreams.documents(batched, MongoCases.CASES)).as("seed %d", seed).isEqualTo(expected);

            // After a crash or a rebalance: redelivered from an earlier offset, cut into other batches.
            for (List<Record> batch : RandomStreams.batches(stream.subList(rnd.nextInt(stream.size()), stream.size()), rnd)) {
                cases(batched).applyCaseEvents(batch);
            }
            assertThat(RandomStreams.documents(batched, MongoCases.CASES)).as("seed %d redelivered", seed).isEqualTo(expected);
        }
    }

    @Test
    void openCasesAreTheAlertCasesInAnActiveStateAndALateChangeMovesNone() {
        MongoCases cases = cases(freshDatabase());

        cases.applyCaseEvents(List.of(opened("c1", "q"), status("c1", 1, "CLAIMED", "agent-1"), opened("c2", "q"),
                status("c2", 2, "CLOSED", null), status("c2", 1, "CLAIMED", "agent-1"), status("never-opened", 1, "CLAIMED", null),
                new AdvocacyTaskCreated("e", EventTypes.ADVOCACY_TASK_CREATED, 1, T0, "advocacy", "cust-1", "r-1", 1, "team-advocacy",
                        "REVIEW", 10, null, T0.plusSeconds(86_400)), status("advocacy", 2, "CLAIMED", "agent-1")));
        cases.applyCaseEvents(List.of(opened("c1", "q"), opened("c3", "q")));

        assertThat(cases.casesIn(List.of("CLAIMED"))).isEqualTo(1);
        assertThat(cases.casesIn(List.of("CLOSED"))).isEqualTo(1);
        assertThat(cases.casesIn(List.of("OPEN", "CLAIMED"))).as("an opening of a known case changes nothing").isEqualTo(2);
    }

    /**
     * Several cases' events interleaved as a partition holds them: each case in sequence order, with
     * redeliveries of earlier events and an occasional pair of one case's events swapped.
     */
    static List<Record> stream(Random rnd) {
        List<List<Record>> perCase = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String caseId = "case-" + c;
            List<Record> events = new ArrayList<>();
            long sequence = 0;
            if (c % 4 == 3) {
                events.add(new AdvocacyTaskCreated("e", EventTypes.ADVOCACY_TASK_CREATED, 1, T0, caseId, "cust-" + c, "r-" + c,
                        ++sequence, "team-advocacy", "REVIEW", 10, null, T0.plusSeconds(86_400)));
            } else {
                events.add(opened(caseId, "team-" + c));
            }
            int more = rnd.nextInt(8);
            for (int i = 0; i < more; i++) {
                sequence++;
                events.add(switch (rnd.nextInt(6)) {
                    case 0 -> status(caseId, sequence, rnd.nextBoolean() ? "CLAIMED" : "RESOLVED", rnd.nextBoolean() ? "agent-" + rnd.nextInt(3) : null);
                    case 1 -> contact(caseId, sequence, rnd.nextBoolean(), T0.plusSeconds(rnd.nextInt(100_000)));
                    case 2 -> rootCause(caseId, sequence, List.of(rnd.nextBoolean() ? "price" : "support"));
                    case 3 -> incentive(caseId, sequence, rnd.nextBoolean() ? "credit" : "control");
                    case 4 -> new LoopClosed("e", EventTypes.LOOP_CLOSED, 1, T0, caseId, "cust", "r", sequence, "team", 3, Category.DETRACTOR,
                            "r2", 9, Category.PROMOTER, "DETRACTOR->PROMOTER", T0);
                    default -> new ResurveyRequested("e", EventTypes.RESURVEY_REQUESTED, 1, T0.plusSeconds(sequence), caseId, "cust", "r",
                            sequence, "team", "system", null);
                });
            }
            for (int i = 1; i < events.size(); i++) {
                if (rnd.nextInt(6) == 0) {
                    Record late = events.get(i - 1);
                    events.set(i - 1, events.get(i));
                    events.set(i, late);
                }
            }
            int redelivered = rnd.nextInt(3);
            for (int i = 0; i < redelivered; i++) {
                int at = rnd.nextInt(events.size());
                events.add(at + rnd.nextInt(events.size() - at) + 1, events.get(at));
            }
            perCase.add(events);
        }
        return RandomStreams.interleave(perCase, rnd);
    }


    static ResponseScored scored(String responseId, int revision, int score) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored("e-" + responseId + "-" + revision, EventTypes.RESPONSE_SCORED, 1, T0, "survey", responseId, revision,
                null, "cust-1", null, null, score, category, null, null, null, "comment " + score, "email", "support",
                Map.of("region", "north"), new Money(new BigDecimal("10.00"), "EUR"));
    }

    static DetractorAlertRaised alert(String alertId) {
        return new DetractorAlertRaised("e-" + alertId, EventTypes.DETRACTOR_ALERT_RAISED, 1, T0, alertId, "r-" + alertId, "cust-1", null,
                null, 3, Category.DETRACTOR, null, "email", "support", Map.of("region", "north"), null, Severity.NORMAL, "team-north",
                List.of("detractor"), T0, T0.plusSeconds(86_400));
    }

    static CaseOpened opened(String caseId, String queue) {
        return new CaseOpened("e", EventTypes.CASE_OPENED, 1, T0, caseId, "alert-" + caseId, "r-" + caseId, "cust-1", null,
                Severity.NORMAL, queue, 2, T0.plusSeconds(86_400), null);
    }

    static CaseStatusChanged status(String caseId, long sequence, String toState, String owner) {
        return new CaseStatusChanged("e", EventTypes.CASE_STATUS_CHANGED, 1, T0.plusSeconds(sequence), caseId, "alert-" + caseId,
                "r-" + caseId, "cust-1", "team-north", sequence, "OPEN", toState, owner == null ? "system" : owner, null, owner);
    }

    static ContactAttempted contact(String caseId, long sequence, boolean first, Instant at) {
        return new ContactAttempted("e", EventTypes.CONTACT_ATTEMPTED, 1, at, caseId, "cust-1", "r-" + caseId, sequence, "team-north",
                "agent-1", "PHONE", "REACHED", null, 1, first, T0);
    }

    static RootCauseCoded rootCause(String caseId, long sequence, List<String> causes) {
        return new RootCauseCoded("e", EventTypes.ROOT_CAUSE_CODED, 1, T0.plusSeconds(sequence), caseId, "cust-1", "r-" + caseId, sequence,
                "team-north", "agent-1", causes, null);
    }

    static IncentiveOffered incentive(String caseId, long sequence, String arm) {
        boolean control = "control".equals(arm);
        return new IncentiveOffered("e", EventTypes.INCENTIVE_OFFERED, 1, T0.plusSeconds(sequence), caseId, "cust-1", "r-" + caseId,
                sequence, "team-north", "agent-1", "exp-price", arm, "price", control ? null : "inc-" + arm, control ? null : arm,
                control ? null : new Money(new BigDecimal("10.00"), "EUR"), control ? null : Boolean.TRUE);
    }
}
