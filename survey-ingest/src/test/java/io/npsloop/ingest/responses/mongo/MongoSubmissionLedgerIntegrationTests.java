package io.npsloop.ingest.responses.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.Submission;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's mapping and guarded updates against the wire-compatible MongoDB. */
class MongoSubmissionLedgerIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MongoSubmissionLedger ledger = new MongoSubmissionLedger(
            CLIENT.getDatabase("ingest_ledger_" + UUID.randomUUID().toString().substring(0, 8)),
            new JsonDocuments(JsonMapper.builder().build()));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void submissionSurvivesTheRoundTripIncludingItsEvent() {
        Submission<ResponseSubmitted> submission = submission(1, "f1", Submission.State.PENDING, NOW.plusSeconds(60));
        assertThat(ledger.insertIfAbsent(submission)).isEmpty();

        Submission<ResponseSubmitted> stored = ledger.find(submission.key()).orElseThrow();
        assertThat(stored).usingRecursiveComparison().ignoringFields("event.accountValue.amount").isEqualTo(submission);
        assertThat(stored.event().accountValue().amount()).isEqualByComparingTo("1200.50");
    }

    @Test
    void secondInsertOfTheSameKeyReturnsTheStoredOne() {
        ledger.insertIfAbsent(submission(1, "f1", Submission.State.PENDING, NOW));

        assertThat(ledger.insertIfAbsent(submission(1, "f2", Submission.State.PENDING, NOW)))
                .get().extracting(Submission<ResponseSubmitted>::fingerprint).isEqualTo("f1");
    }

    @Test
    void supersedeReplacesOnlyALowerRevision() {
        ledger.insertIfAbsent(submission(2, "f2", Submission.State.PUBLISHED, null));

        assertThat(ledger.supersede(submission(2, "other", Submission.State.PENDING, NOW))).isFalse();
        assertThat(ledger.supersede(submission(3, "f3", Submission.State.PENDING, NOW))).isTrue();
        assertThat(ledger.find(Submission.key("crm", "r-1"))).get().extracting(Submission<ResponseSubmitted>::revision).isEqualTo(3);
    }

    @Test
    void pendingSubmissionIsTakenOverOnlyOnceItsLeaseRanOut() {
        Submission<ResponseSubmitted> pending = submission(1, "f1", Submission.State.PENDING, NOW.plusSeconds(60));
        ledger.insertIfAbsent(pending);
        Submission<ResponseSubmitted> next = submission(1, "f1", Submission.State.PENDING, NOW.plusSeconds(200));

        assertThat(ledger.takeOverPending(pending, next, NOW)).isFalse();
        assertThat(ledger.takeOverPending(pending, next, NOW.plusSeconds(61))).isTrue();
    }

    @Test
    void publishedRevisionIsRememberedWithItsFingerprint() {
        Submission<ResponseSubmitted> pending = submission(1, "f1", Submission.State.PENDING, NOW.plusSeconds(60));
        ledger.insertIfAbsent(pending);

        ledger.markPublished(pending);

        Submission<ResponseSubmitted> stored = ledger.find(pending.key()).orElseThrow();
        assertThat(stored.pending()).isFalse();
        assertThat(stored.leaseUntil()).isNull();
        assertThat(stored.publishedRevisions()).containsEntry(1, "f1");
    }

    @Test
    void releasedLeaseLetsTheRetryTakeOverAtOnce() {
        Submission<ResponseSubmitted> pending = submission(1, "f1", Submission.State.PENDING, NOW.plusSeconds(60));
        ledger.insertIfAbsent(pending);

        ledger.releaseLease(pending);

        assertThat(ledger.takeOverPending(pending, pending, NOW)).isTrue();
    }

    private static Submission<ResponseSubmitted> submission(int revision, String fingerprint, Submission.State state, Instant leaseUntil) {
        ResponseSubmitted event = new ResponseSubmitted("e-" + revision, EventTypes.RESPONSE_SUBMITTED, ResponseSubmitted.SCHEMA_VERSION,
                NOW, NOW, "crm", "r-1", revision, "s-1", "c-1", null, new Contact("Ada", "ada@example.com", null), 3,
                "很慢", "email", null, Map.of("region", "EMEA"), new Money(new BigDecimal("1200.50"), "EUR"));
        return new Submission<>("crm", "r-1", revision, fingerprint, state, IntakeResult.Status.ACCEPTED, event, leaseUntil,
                state == Submission.State.PUBLISHED ? Map.of(revision, fingerprint) : Map.of());
    }
}
