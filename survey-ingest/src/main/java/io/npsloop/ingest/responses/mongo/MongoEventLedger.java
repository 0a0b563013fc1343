package io.npsloop.ingest.responses.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.Submission;
import io.npsloop.ingest.responses.SubmissionLedger;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A ledger of submissions whose events are {@code E}, in a collection of its own, one document per
 * source and id ({@code _id = source|id}; the id is stored under the name the kind of submission
 * gives it, {@code responseId} or {@code outcomeId}). Every write is a single-document operation guarded by the
 * state it expects, which is all the wire-compatible store of the local run offers and all this
 * needs. The event is kept in its wire form so that a pending one is republished byte for byte.
 */
public class MongoEventLedger<E> implements SubmissionLedger<E> {

    static final String REVISION_KEY = "revisionKey";

    private final MongoCollection<Document> submissions;
    private final JsonDocuments json;
    private final Class<E> eventType;
    private final Function<E, String> eventId;
    private final String idField;
    private final AtomicBoolean indexed = new AtomicBoolean();

    /** {@code idField} names the source's id in each document; {@code eventId} reads an event's id, kept beside it. */
    public MongoEventLedger(MongoDatabase database, String collection, JsonDocuments json, Class<E> eventType,
            Function<E, String> eventId, String idField) {
        this.submissions = database.getCollection(collection);
        this.json = json;
        this.eventType = eventType;
        this.eventId = eventId;
        this.idField = idField;
    }

    /**
     * The collection, indexed on first use rather than at construction, so the service starts (and
     * answers 503 on writes) while MongoDB is still unreachable. The publish confirmation is guarded
     * by revision and fingerprint. As one field with a unique index it is a keyed lookup in any
     * store; as three fields the wire-compatible store of the local run scans the whole collection
     * per update (it uses an index only when the filter's fields are exactly the index's), which
     * made every accepted response slower than the last.
     */
    private MongoCollection<Document> submissions() {
        if (!indexed.get()) {
            submissions.createIndex(Indexes.ascending(REVISION_KEY), new IndexOptions().unique(true).sparse(true));
            indexed.set(true);
        }
        return submissions;
    }

    @Override
    public Optional<Submission<E>> insertIfAbsent(Submission<E> submission) {
        try {
            submissions().insertOne(toDocument(submission));
            return Optional.empty();
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return Optional.of(find(submission.key())
                .orElseThrow(() -> new IllegalStateException("Submission " + submission.key() + " vanished after a duplicate key")));
    }

    /** One unordered insertMany; the keys that existed are read back with one query. */
    @Override
    public Map<String, Submission<E>> insertAllIfAbsent(List<Submission<E>> batch) {
        List<Document> documents = batch.stream().map(this::toDocument).toList();
        List<String> existingKeys = new ArrayList<>();
        try {
            submissions().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existingKeys.add(batch.get(error.getIndex()).key());
            }
        }
        Map<String, Submission<E>> existing = new HashMap<>();
        if (!existingKeys.isEmpty()) {
            for (Document document : submissions().find(Filters.in("_id", existingKeys))) {
                existing.put(document.getString("_id"), fromDocument(document));
            }
        }
        if (existing.size() != existingKeys.size()) {
            throw new IllegalStateException("Submissions vanished after a duplicate key: " + existingKeys);
        }
        return existing;
    }

    @Override
    public Optional<Submission<E>> find(String key) {
        return Optional.ofNullable(submissions().find(Filters.eq("_id", key)).first()).map(this::fromDocument);
    }

    @Override
    public boolean supersede(Submission<E> next) {
        return submissions().replaceOne(
                Filters.and(Filters.eq("_id", next.key()), Filters.lt("revision", next.revision())),
                toDocument(next)).getModifiedCount() == 1;
    }

    @Override
    public boolean takeOverPending(Submission<E> stored, Submission<E> next, Instant now) {
        Bson unchangedAndAbandoned = Filters.and(
                Filters.eq("_id", stored.key()),
                Filters.eq("revision", stored.revision()),
                Filters.eq("fingerprint", stored.fingerprint()),
                Filters.eq("state", Submission.State.PENDING.name()),
                Filters.or(Filters.eq("leaseUntil", null), Filters.lte("leaseUntil", Date.from(now))));
        return submissions().replaceOne(unchangedAndAbandoned, toDocument(next)).getModifiedCount() == 1;
    }

    @Override
    public void markPublished(Submission<E> submission) {
        submissions().updateOne(sameRevision(submission), publishedUpdate(submission));
    }

    @Override
    public void markAllPublished(List<Submission<E>> published) {
        if (published.isEmpty()) {
            return;
        }
        submissions().bulkWrite(published.stream().map(submission -> new UpdateOneModel<Document>(sameRevision(submission),
                publishedUpdate(submission))).toList(), new BulkWriteOptions().ordered(false));
    }

    @Override
    public void releaseLease(Submission<E> submission) {
        // A published entry has no lease, so the state needs no guard here.
        submissions().updateOne(sameRevision(submission), Updates.set("leaseUntil", null));
    }

    private static Bson publishedUpdate(Submission<?> submission) {
        return Updates.combine(
                Updates.set("state", Submission.State.PUBLISHED.name()),
                Updates.set("leaseUntil", null),
                Updates.set("publishedRevisions." + submission.revision(), submission.fingerprint()));
    }

    /** The stored entry only if it still holds this revision with this body. */
    private static Bson sameRevision(Submission<?> submission) {
        return Filters.eq(REVISION_KEY, revisionKey(submission));
    }

    private static String revisionKey(Submission<?> submission) {
        return submission.key() + '|' + submission.revision() + '|' + submission.fingerprint();
    }

    Document toDocument(Submission<E> submission) {
        Document revisions = new Document();
        submission.publishedRevisions().forEach((revision, fingerprint) -> revisions.append(revision.toString(), fingerprint));
        return new Document("_id", submission.key())
                .append("source", submission.source())
                .append(idField, submission.responseId())
                .append("revision", submission.revision())
                .append("fingerprint", submission.fingerprint())
                .append(REVISION_KEY, revisionKey(submission))
                .append("state", submission.state().name())
                .append("outcome", submission.outcome().name())
                .append("eventId", eventId.apply(submission.event()))
                .append("event", json.toDocument(submission.event()))
                .append("leaseUntil", submission.leaseUntil() == null ? null : Date.from(submission.leaseUntil()))
                .append("publishedRevisions", revisions);
    }

    Submission<E> fromDocument(Document document) {
        Map<Integer, String> revisions = new HashMap<>();
        Document published = document.get("publishedRevisions", Document.class);
        if (published != null) {
            published.forEach((revision, fingerprint) -> revisions.put(Integer.valueOf(revision), (String) fingerprint));
        }
        Date leaseUntil = document.getDate("leaseUntil");
        return new Submission<>(
                document.getString("source"),
                document.getString(idField),
                document.getInteger("revision"),
                document.getString("fingerprint"),
                Submission.State.valueOf(document.getString("state")),
                IntakeResult.Status.valueOf(document.getString("outcome")),
                json.fromDocument(document.get("event", Document.class), eventType),
                leaseUntil == null ? null : leaseUntil.toInstant(),
                revisions);
    }
}
