package io.npsloop.reporting.projections.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.reporting.projections.Cases;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One document per follow-up case, keyed by {@code _id}. Writes are single-document guarded upserts:
 * the filter matches only a document with a lower sequence; when it does not match, the upsert
 * collides on {@code _id}, and that collision means "already applied". A batch is written in one
 * unordered bulk write, one write per case. Contact-attempt notes, root-cause texts and status
 * reasons are not stored.
 */
@Component
class MongoCases implements Cases {

    static final String CASES = "case_facts";
    static final String ADVOCACY = "ADVOCACY";

    private final MongoCollection<Document> cases;

    MongoCases(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
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
            return new CaseChange(e.caseId(), 0, true, sets, Map.of("queue", e.queue(), "state", CaseState.OPEN.name()), null);
        }
        Map<String, @Nullable Object> sets = new LinkedHashMap<>();
        if (event instanceof CaseStatusChanged e) {
            sets.put("state", e.toState());
            sets.put("queue", e.queue());
            if (e.owner() != null) {
                // Whoever holds the case now: a claim, a take-over or a lead's assignment.
                sets.put("owner", e.owner());
            } else if (CaseState.CLAIMED.name().equals(e.toState())) {
                // Events written before owner existed: the claimer was the actor.
                sets.put("owner", e.actor());
            }
            if (CaseState.RESOLVED.name().equals(e.toState())) {
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
                    .append("rootCause", e.rootCause()).append("cost", MongoValues.money(e.cost())).append("accepted", e.accepted()));
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
            sets.put("kind", ADVOCACY);
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
            return new UpdateOneModel<>(filter, Updates.combine(updates), MongoValues.UPSERT);
        }
    }

    @Override
    public List<CaseFact> cases() {
        List<CaseFact> list = new ArrayList<>();
        for (Document d : cases.find(Filters.ne("kind", ADVOCACY))) {
            Document x = d.get("experiment", Document.class);
            CaseFact.Experiment experiment = x == null ? null : new CaseFact.Experiment(x.getString("experimentId"),
                    x.getString("arm"), x.getString("rootCause"), MongoValues.money(x.get("cost", Document.class)), x.getBoolean("accepted"));
            String resurvey = d.getString("resurveyCategory");
            list.add(new CaseFact(d.getString("_id"), d.getString("alertId"), d.getString("responseId"), d.getString("queue"),
                    d.getString("owner"), MongoValues.instant(d.getDate("openedAt")), MongoValues.instant(d.getDate("slaDueAt")),
                    MongoValues.instant(d.getDate("firstContactAt")), Boolean.TRUE.equals(d.getBoolean("resolved")), d.getString("state"),
                    d.getList("rootCauses", String.class, List.of()), resurvey == null ? null : Category.valueOf(resurvey),
                    experiment, d.get("sequence", Number.class).longValue()));
        }
        return list;
    }

    @Override
    public long casesIn(List<String> states) {
        return cases.countDocuments(Filters.and(Filters.in("state", states), Filters.exists("openedAt"),
                Filters.ne("kind", ADVOCACY)));
    }
}
