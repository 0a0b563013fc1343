package io.npsloop.ingest.responses.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.Submission;
import io.npsloop.ingest.responses.SubmissionLedger;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The ledger in the collection {@code submissions}, one document per source and response id
 * ({@code _id = source|responseId}). Every write is a single-document operation guarded by the
 * state it expects, which is all the wire-compatible store of the local run offers and all this
 * needs. The event is kept in its wire form so that a pending one is republished byte for byte.
 */
@Component
class MongoSubmissionLedger implements SubmissionLedger {

    static final String COLLECTION = "submissions";

    private final MongoCollection<Document> submissions;
    private final JsonDocuments json;

    MongoSubmissionLedger(MongoDatabase database, JsonDocuments json) {
        this.submissions = database.getCollection(COLLECTION);
        this.json = json;
    }

    @Override
    public Optional<Submission> insertIfAbsent(Submission submission) {
        try {
            submissions.insertOne(toDocument(submission));
            return Optional.empty();
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return Optional.of(find(submission.key())
                .orElseThrow(() -> new IllegalStateException("Submission " + submission.key() + " vanished after a duplicate key")));
    }

    @Override
    public Optional<Submission> find(String key) {
        return Optional.ofNullable(submissions.find(Filters.eq("_id", key)).first()).map(this::fromDocument);
    }

    @Override
    public boolean supersede(Submission next) {
        return submissions.replaceOne(
                Filters.and(Filters.eq("_id", next.key()), Filters.lt("revision", next.revision())),
                toDocument(next)).getModifiedCount() == 1;
    }

    @Override
    public boolean takeOverPending(Submission stored, Submission next, Instant now) {
        Bson unchangedAndAbandoned = Filters.and(
                Filters.eq("_id", stored.key()),
                Filters.eq("revision", stored.revision()),
                Filters.eq("fingerprint", stored.fingerprint()),
                Filters.eq("state", Submission.State.PENDING.name()),
                Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(now))));
        return submissions.replaceOne(unchangedAndAbandoned, toDocument(next)).getModifiedCount() == 1;
    }

    @Override
    public void markPublished(Submission submission) {
        submissions.updateOne(sameRevision(submission), Updates.combine(
                Updates.set("state", Submission.State.PUBLISHED.name()),
                Updates.set("leaseUntil", null),
                Updates.set("publishedRevisions." + submission.revision(), submission.fingerprint())));
    }

    @Override
    public void releaseLease(Submission submission) {
        submissions.updateOne(Filters.and(sameRevision(submission), Filters.eq("state", Submission.State.PENDING.name())),
                Updates.set("leaseUntil", null));
    }

    private static Bson sameRevision(Submission submission) {
        return Filters.and(Filters.eq("_id", submission.key()),
                Filters.eq("revision", submission.revision()),
                Filters.eq("fingerprint", submission.fingerprint()));
    }

    Document toDocument(Submission submission) {
        Document revisions = new Document();
        submission.publishedRevisions().forEach((revision, fingerprint) -> revisions.append(revision.toString(), fingerprint));
        return new Document("_id", submission.key())
                .append("source", submission.source())
                .append("responseId", submission.responseId())
                .append("revision", submission.revision())
                .append("fingerprint", submission.fingerprint())
                .append("state", submission.state().name())
                .append("outcome", submission.outcome().name())
                .append("eventId", submission.event().eventId())
                .append("event", json.toDocument(submission.event()))
                .append("leaseUntil", submission.leaseUntil() == null ? null : Date.from(submission.leaseUntil()))
                .append("publishedRevisions", revisions);
    }

    Submission fromDocument(Document document) {
        Map<Integer, String> revisions = new HashMap<>();
        Document published = document.get("publishedRevisions", Document.class);
        if (published != null) {
            published.forEach((revision, fingerprint) -> revisions.put(Integer.valueOf(revision), (String) fingerprint));
        }
        Date leaseUntil = document.getDate("leaseUntil");
        return new Submission(
                document.getString("source"),
                document.getString("responseId"),
                document.getInteger("revision"),
                document.getString("fingerprint"),
                Submission.State.valueOf(document.getString("state")),
                IntakeResult.Status.valueOf(document.getString("outcome")),
                json.fromDocument(document.get("event", Document.class), ResponseSubmitted.class),
                leaseUntil == null ? null : leaseUntil.toInstant(),
                revisions);
    }
}
