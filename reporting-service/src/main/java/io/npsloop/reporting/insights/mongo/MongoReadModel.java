package io.npsloop.reporting.insights.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.reporting.ReportingProperties;
import io.npsloop.reporting.insights.AlertFact;
import io.npsloop.reporting.insights.Answer;
import io.npsloop.reporting.insights.CaseFact;
import io.npsloop.reporting.insights.ReadModel;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The projections in MongoDB, one document per response key, alert and case, each keyed by
 * {@code _id}. Writes are single-document guarded upserts: the filter matches only a document
 * older than the change (lower revision or sequence); when it does not match, the upsert collides
 * on {@code _id}, and that collision means "already applied". A batch is written in one unordered
 * bulk write per collection, one write per document. Money is stored as a decimal string.
 * <p>
 * Personal data is kept to what a view needs: no contact details, and of a response's attributes
 * only the configured dimensions (sources may send anything there, an email address included). The
 * customer id (the revenue-at-risk key of customers without an account) and the comment (theme
 * matching) are stored, and no view shows them.
 */
@Component
class MongoReadModel implements ReadModel {

    static final String ANSWERS = "answers";
    static final String ALERTS = "alerts";
    static final String CASES = "case_facts";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> answers;
    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> cases;
    private final Set<String> dimensions;

    MongoReadModel(MongoDatabase database, ReportingProperties properties) {
        this.answers = database.getCollection(ANSWERS);
        this.alerts = database.getCollection(ALERTS);
        this.cases = database.getCollection(CASES);
        this.dimensions = Set.copyOf(properties.dimensions());
    }

    static String answerKey(String source, String responseId) {
        return source + "|" + responseId;
    }

    /** The segment values of the configured dimensions; a newly configured dimension fills in on a rebuild. */
    Map<String, String> segments(Map<String, String> attributes, @Nullable String channel, @Nullable String touchpoint) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        if (channel != null) {
            all.put("channel", channel);
        }
        if (touchpoint != null) {
            all.put("touchpoint", touchpoint);
        }
        all.keySet().retainAll(dimensions);
        return all;
    }

    /** One guarded upsert per response of the batch (its latest revision), in one round trip. */
    @Override
    public void saveAnswers(List<ResponseScored> scored) {
        Map<String, ResponseScored> latest = new LinkedHashMap<>();
        for (ResponseScored s : scored) {
            latest.merge(answerKey(s.source(), s.responseId()), s, (kept, next) -> next.revision() > kept.revision() ? next : kept);
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(latest.size());
        latest.forEach((key, s) -> {
            Bson older = Filters.and(Filters.eq("_id", key),
                    Filters.or(Filters.lt("revision", s.revision()), Filters.exists("revision", false)));
            Bson update = Updates.combine(
                    Updates.set("revision", s.revision()),
                    Updates.set("responseId", s.responseId()),
                    Updates.set("customerId", s.customerId()),
                    Updates.set("accountId", s.accountId()),
                    Updates.set("occurredAt", Date.from(s.occurredAt())),
                    Updates.set("score", s.score()),
                    Updates.set("category", s.category().name()),
                    Updates.set("comment", s.comment()),
                    Updates.set("segments", new Document(new LinkedHashMap<>(segments(s.attributes(), s.channel(), s.touchpoint())))),
                    Updates.set("accountValue", money(s.accountValue())));
            writes.add(new UpdateOneModel<>(older, update, UPSERT));
        });
        GuardedBulkWrites.writeUnlessApplied(answers, writes);
    }

    /** One unordered insert of the batch's alerts; an alert kept already is a duplicate key and changes nothing. */
    @Override
    public void saveAlerts(List<DetractorAlertRaised> raised) {
        Map<String, Document> docs = new LinkedHashMap<>();
        for (DetractorAlertRaised a : raised) {
            docs.putIfAbsent(a.alertId(), new Document("_id", a.alertId())
                    .append("responseId", a.responseId())
                    .append("queue", a.ownerQueue())
                    .append("occurredAt", Date.from(a.occurredAt()))
                    .append("segments", new Document(new LinkedHashMap<>(segments(a.attributes(), a.channel(), a.touchpoint())))));
        }
        GuardedBulkWrites.insertUnlessKept(alerts, new ArrayList<>(docs.values()));
    }

    /**
     * One read of the batch's cases (their applied sequence, by {@code _id}), the events folded per
     * case in memory by the rule of applying them one by one, then one guarded upsert per case. The
     * guard is the highest sequence applied in the batch: a document that has applied it collides on
     * {@code _id} (another delivery of the same events got there first) and changes nothing.
     */
    @Override
    public void applyCaseEvents(List<? extends Record> events) {
        List<CaseChange> changes = new ArrayList<>(events.size());
        for (Record event : events) {
            CaseChange change = change(event);
            if (change != null) {
                changes.add(change);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        Map<String, PendingCase> pending = new LinkedHashMap<>();
        changes.forEach(change -> pending.computeIfAbsent(change.caseId(), id -> new PendingCase()));
        for (Document doc : cases.find(Filters.in("_id", pending.keySet())).projection(Projections.include("sequence"))) {
            Number sequence = doc.get("sequence", Number.class);
            pending.get(doc.getString("_id")).stored(sequence == null ? null : sequence.longValue());
        }
        changes.forEach(change -> pending.get(change.caseId()).apply(change));
        List<UpdateOneModel<Document>> writes = new ArrayList<>(pending.size());
        pending.forEach((caseId, update) -> {
            UpdateOneModel<Document> write = update.write(caseId);
            if (write != null) {
                writes.add(write);
            }
        });
        GuardedBulkWrites.writeUnlessApplied(cases, writes);
    }

    /** What one case event changes; an opening is unguarded (sequence 0, facts that never change). */
    private record CaseChange(String caseId, long sequence, boolean opening, Map<String, @Nullable Object> sets,
            Map<String, Object> onInsert, @Nullable Date firstContactAt) {

        static CaseChange guarded(String caseId, long sequence, Map<String, @Nullable Object> sets) {
            return new CaseChange(caseId, sequence, false, sets, Map.of(), null);
        }
    }

    private @Nullable CaseChange change(Record event) {
        if (event instanceof CaseOpened e) {
            // The queue may move later, so it is only set when the document is new.
            Map<String, @Nullable Object> sets = new LinkedHashMap<>();
            sets.put("alertId", e.alertId());
            sets.put("responseId", e.responseId());
            sets.put("openedAt", Date.from(e.occurredAt()));
            sets.put("slaDueAt", Date.from(e.slaDueAt()));
            return new CaseChange(e.caseId(), 0, true, sets, Map.of("queue", e.queue(), "state", "OPEN"), null);
        }
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        if (event instanceof CaseStatusChanged e) {
            sets.put("state", e.toState());
            sets.put("queue", e.queue());
            if (e.owner() != null) {
                // Whoever holds the case now: a claim, a take-over or a lead's assignment.
                sets.put("owner", e.owner());
            } else if ("CLAIMED".equals(e.toState())) {
                // Events written before owner existed: the claimer was the actor.
                sets.put("owner", e.actor());
            }
            if ("RESOLVED".equals(e.toState())) {
                sets.put("resolved", true);
            }
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        if (event instanceof ContactAttempted e) {
            sets.put("queue", e.queue());
            return new CaseChange(e.caseId(), e.sequence(), false, sets, Map.of(), e.firstContact() ? Date.from(e.occurredAt()) : null);
        }
        if (event instanceof RootCauseCoded e) {
            sets.put("rootCauses", List.copyOf(e.categories()));
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        if (event instanceof IncentiveOffered e) {
            sets.put("experiment", new Document("experimentId", e.experimentId()).append("arm", e.arm())
                    .append("rootCause", e.rootCause()).append("cost", money(e.cost())).append("accepted", e.accepted()));
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        if (event instanceof LoopClosed e) {
            sets.put("resurveyCategory", e.category().name());
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        if (event instanceof ResurveyRequested e) {
            sets.put("resurveyRequestedAt", Date.from(e.occurredAt()));
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        if (event instanceof AdvocacyTaskCreated e) {
            sets.put("kind", "ADVOCACY");
            sets.put("queue", e.queue());
            return CaseChange.guarded(e.caseId(), e.sequence(), sets);
        }
        return null;
    }

    /**
     * One case's events of a batch folded into one update, as applying them one at a time would
     * leave the document: an opening always applies (sets its facts, and the queue and state only if
     * the case is new); any other event only above the highest sequence applied so far, its sets
     * overriding earlier ones, first contact the earliest.
     */
    private static final class PendingCase {

        private boolean exists;
        private @Nullable Long applied;
        private boolean opened;
        private @Nullable Long guard;
        private final Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        private final Map<String, Object> onInsert = new LinkedHashMap<>();
        private @Nullable Date firstContactAt;

        void stored(@Nullable Long sequence) {
            exists = true;
            applied = sequence;
        }

        void apply(CaseChange change) {
            if (change.opening()) {
                sets.putAll(change.sets());
                if (!exists) {
                    onInsert.putAll(change.onInsert());
                }
                applied = applied == null ? 0L : Math.max(applied, 0L);
                opened = true;
                exists = true;
            } else if (applied == null || change.sequence() > applied) {
                change.sets().forEach((field, value) -> {
                    sets.put(field, value);
                    onInsert.remove(field);
                });
                Date contact = change.firstContactAt();
                if (contact != null && (firstContactAt == null || contact.before(firstContactAt))) {
                    firstContactAt = contact;
                }
                applied = change.sequence();
                guard = change.sequence();
                exists = true;
            }
        }

        @Nullable UpdateOneModel<Document> write(String caseId) {
            if (!opened && guard == null) {
                return null;
            }
            List<Bson> updates = new ArrayList<>();
            sets.forEach((field, value) -> updates.add(Updates.set(field, value)));
            onInsert.forEach((field, value) -> updates.add(Updates.setOnInsert(field, value)));
            if (firstContactAt != null) {
                updates.add(Updates.min("firstContactAt", firstContactAt));
            }
            Bson filter;
            if (guard != null) {
                updates.add(Updates.set("sequence", guard));
                filter = Filters.and(Filters.eq("_id", caseId),
                        Filters.or(Filters.lt("sequence", guard), Filters.exists("sequence", false)));
            } else {
                updates.add(Updates.max("sequence", 0L));
                filter = Filters.eq("_id", caseId);
            }
            return new UpdateOneModel<>(filter, Updates.combine(updates), UPSERT);
        }
    }

    @Override
    public List<Answer> answers() {
        List<Answer> list = new ArrayList<>();
        for (Document d : answers.find()) {
            list.add(new Answer(d.getString("_id"), d.getString("responseId"), d.getString("customerId"),
                    d.getString("accountId"), d.getDate("occurredAt").toInstant(), d.getInteger("score"),
                    Category.valueOf(d.getString("category")), d.getString("comment"), strings(d.get("segments", Document.class)),
                    money(d.get("accountValue", Document.class))));
        }
        return list;
    }

    @Override
    public List<AlertFact> alerts() {
        List<AlertFact> list = new ArrayList<>();
        for (Document d : alerts.find()) {
            list.add(new AlertFact(d.getString("_id"), d.getString("responseId"), d.getString("queue"),
                    d.getDate("occurredAt").toInstant(), strings(d.get("segments", Document.class))));
        }
        return list;
    }

    @Override
    public List<CaseFact> cases() {
        List<CaseFact> list = new ArrayList<>();
        for (Document d : cases.find(Filters.ne("kind", "ADVOCACY"))) {
            Document x = d.get("experiment", Document.class);
            CaseFact.Experiment experiment = x == null ? null : new CaseFact.Experiment(x.getString("experimentId"),
                    x.getString("arm"), x.getString("rootCause"), money(x.get("cost", Document.class)), x.getBoolean("accepted"));
            String resurvey = d.getString("resurveyCategory");
            list.add(new CaseFact(d.getString("_id"), d.getString("alertId"), d.getString("responseId"), d.getString("queue"),
                    d.getString("owner"), instant(d.getDate("openedAt")), instant(d.getDate("slaDueAt")),
                    instant(d.getDate("firstContactAt")), Boolean.TRUE.equals(d.getBoolean("resolved")), d.getString("state"),
                    d.getList("rootCauses", String.class, List.of()), resurvey == null ? null : Category.valueOf(resurvey),
                    experiment, d.get("sequence", Number.class).longValue()));
        }
        return list;
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Map<String, String> strings(@Nullable Document doc) {
        Map<String, String> map = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> map.put(k, String.valueOf(v)));
        }
        return map;
    }

    static @Nullable Document money(@Nullable Money money) {
        return money == null ? null : new Document("amount", money.amount().toPlainString()).append("currency", money.currency());
    }

    static @Nullable Money money(@Nullable Document doc) {
        return doc == null ? null : new Money(new BigDecimal(doc.getString("amount")), doc.getString("currency"));
    }

}
