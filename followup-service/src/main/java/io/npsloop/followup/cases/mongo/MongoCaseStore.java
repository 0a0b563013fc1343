package io.npsloop.followup.cases.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.followup.cases.CaseChange;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.CaseTransitions;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.OutgoingEvent;
import io.npsloop.platform.mongo.JsonDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Cases in MongoDB, one document per case id, with its audit trail and its outbox in the same
 * document so that a change and its events are written atomically (the store has no
 * transactions). A second collection maps each customer id to their case ids, so the loop-closure
 * lookup is by {@code _id} (the store ignores non-unique indexes).
 */
@Component
class MongoCaseStore implements CaseStore {

    static final String CASES = "cases";
    static final String CUSTOMERS = "customers";

    /** The record type of each event type, to read outbox entries back. */
    private static final Map<String, Class<? extends Record>> TYPES = Map.of(
            EventTypes.CASE_OPENED, CaseOpened.class,
            EventTypes.CASE_STATUS_CHANGED, CaseStatusChanged.class,
            EventTypes.CONTACT_ATTEMPTED, ContactAttempted.class,
            EventTypes.ROOT_CAUSE_CODED, RootCauseCoded.class,
            EventTypes.INCENTIVE_OFFERED, IncentiveOffered.class,
            EventTypes.LOOP_CLOSED, LoopClosed.class,
            EventTypes.RESURVEY_REQUESTED, ResurveyRequested.class,
            EventTypes.ADVOCACY_TASK_CREATED, AdvocacyTaskCreated.class);

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> customers;
    private final JsonDocuments json;

    MongoCaseStore(MongoDatabase database, JsonDocuments json) {
        this.cases = database.getCollection(CASES);
        this.customers = database.getCollection(CUSTOMERS);
        this.json = json;
    }

    @Override
    public Set<String> insertAll(List<NewCase> newCases) {
        if (newCases.isEmpty()) {
            return Set.of();
        }
        // The customers' index first: idempotent, and a case is never stored without it.
        Map<String, List<String>> idsByCustomer = new LinkedHashMap<>();
        for (NewCase c : newCases) {
            idsByCustomer.computeIfAbsent(c.followupCase().customerId(), k -> new ArrayList<>()).add(c.followupCase().caseId());
        }
        List<WriteModel<Document>> index = new ArrayList<>(idsByCustomer.size());
        idsByCustomer.forEach((customerId, caseIds) -> index.add(new UpdateOneModel<>(Filters.eq("_id", customerId),
                Updates.addEachToSet("caseIds", caseIds), new UpdateOptions().upsert(true))));
        customers.bulkWrite(index, UNORDERED);

        List<Document> documents = new ArrayList<>(newCases.size());
        Set<String> stored = new LinkedHashSet<>();
        for (NewCase c : newCases) {
            documents.add(CaseDocuments.toDocument(c.followupCase())
                    .append("outbox", c.events().stream().map(this::outboxEntry).toList()));
            stored.add(c.followupCase().caseId());
        }
        try {
            cases.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Stored before (a redelivery, or another consumer of a rebalanced partition): skipped.
                stored.remove(documents.get(error.getIndex()).getString("_id"));
            }
        }
        return stored;
    }

    @Override
    public boolean apply(CaseChange change) {
        return cases.updateOne(guard(change), update(change)).getModifiedCount() == 1;
    }

    private static Bson guard(CaseChange change) {
        return Filters.and(Filters.eq("_id", change.before().caseId()), Filters.eq("version", change.before().version()));
    }

    private Bson update(CaseChange change) {
        List<Bson> updates = new ArrayList<>();
        CaseDocuments.mutableFields(change.after()).forEach((field, value) -> updates.add(Updates.set(field, value)));
        updates.add(Updates.push("audit", CaseDocuments.audit(change.audit())));
        if (!change.events().isEmpty()) {
            updates.add(Updates.pushEach("outbox", change.events().stream().map(this::outboxEntry).toList()));
        }
        return Updates.combine(updates);
    }

    @Override
    public Set<String> applyAll(List<CaseChange> changes) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        for (CaseChange change : changes) {
            writes.add(new UpdateOneModel<>(guard(change), update(change)));
        }
        BulkWriteResult result = cases.bulkWrite(writes, UNORDERED);
        Set<String> applied = new LinkedHashSet<>();
        changes.forEach(change -> applied.add(change.before().caseId()));
        if (result.getModifiedCount() == changes.size()) {
            return applied;
        }
        // The result counts, it does not say which missed: a change is applied if its audit entry is
        // the one the case got at the version the change was read at (each change appends exactly one).
        Map<String, Document> now = new HashMap<>();
        for (Document doc : cases.find(Filters.in("_id", applied)).projection(new Document("audit", 1))) {
            now.put(doc.getString("_id"), doc);
        }
        for (CaseChange change : changes) {
            Document doc = now.get(change.before().caseId());
            List<Document> audit = doc == null ? List.of() : doc.getList("audit", Document.class, List.of());
            int at = change.before().audit().size();
            if (audit.size() <= at || !audit.get(at).equals(CaseDocuments.audit(change.audit()))) {
                applied.remove(change.before().caseId());
            }
        }
        return applied;
    }

    @Override
    public @Nullable FollowupCase find(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).first();
        return doc == null ? null : CaseDocuments.toCase(doc);
    }

    @Override
    public Map<String, Stored> findAll(Collection<String> caseIds) {
        Map<String, Stored> found = new HashMap<>();
        if (caseIds.isEmpty()) {
            return found;
        }
        for (Document doc : cases.find(Filters.in("_id", caseIds))) {
            found.put(doc.getString("_id"), new Stored(CaseDocuments.toCase(doc), outbox(doc)));
        }
        return found;
    }

    @Override
    public List<FollowupCase> list(@Nullable String queue, @Nullable CaseState state) {
        List<Bson> filters = new ArrayList<>();
        if (queue != null) {
            filters.add(Filters.eq("queue", queue));
        }
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        return read(filters.isEmpty() ? new Document() : Filters.and(filters));
    }

    @Override
    public List<FollowupCase> overdue(Instant now) {
        return read(Filters.and(Filters.in("state", activeStates()), Filters.lt("slaDueAt", Date.from(now))));
    }

    @Override
    public Map<String, Long> activeCountsByQueue() {
        Map<String, Long> counts = new HashMap<>();
        for (Document group : cases.aggregate(List.of(
                Aggregates.match(Filters.in("state", activeStates())),
                Aggregates.group("$queue", Accumulators.sum("count", 1))))) {
            counts.put(group.getString("_id"), ((Number) group.get("count")).longValue());
        }
        return counts;
    }

    private static List<String> activeStates() {
        List<String> active = new ArrayList<>();
        for (CaseState state : CaseState.values()) {
            if (CaseTransitions.isActive(state)) {
                active.add(state.name());
            }
        }
        return active;
    }

    @Override
    public List<FollowupCase> ofCustomer(String customerId) {
        Document index = customers.find(Filters.eq("_id", customerId)).first();
        if (index == null) {
            return List.of();
        }
        List<FollowupCase> result = new ArrayList<>();
        for (String caseId : index.getList("caseIds", String.class, List.of())) {
            FollowupCase found = find(caseId);
            if (found != null) {
                result.add(found);
            }
        }
        return result;
    }

    @Override
    public Map<String, List<Stored>> ofCustomers(Collection<String> customerIds) {
        Map<String, List<String>> caseIds = new LinkedHashMap<>();
        if (!customerIds.isEmpty()) {
            for (Document index : customers.find(Filters.in("_id", customerIds))) {
                caseIds.put(index.getString("_id"), index.getList("caseIds", String.class, List.of()));
            }
        }
        Map<String, Stored> found = findAll(caseIds.values().stream().flatMap(List::stream).toList());
        Map<String, List<Stored>> result = new LinkedHashMap<>();
        caseIds.forEach((customerId, ids) -> {
            List<Stored> stored = ids.stream().map(found::get).filter(Objects::nonNull).toList();
            if (!stored.isEmpty()) {
                result.put(customerId, stored);
            }
        });
        return result;
    }

    @Override
    public List<FollowupCase> codedOther() {
        return read(Filters.and(Filters.eq("rootCauses", "other"), Filters.ne("otherRootCause", null)));
    }

    @Override
    public List<OutgoingEvent> pending(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).projection(new Document("outbox", 1)).first();
        return doc == null ? List.of() : outbox(doc);
    }

    private List<OutgoingEvent> outbox(Document doc) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (Document entry : doc.getList("outbox", Document.class, List.of())) {
            String type = entry.getString("eventType");
            events.add(new OutgoingEvent(entry.getString("eventId"), type, entry.getString("key"),
                    entry.getDate("occurredAt").toInstant(),
                    json.fromDocument(entry.get("payload", Document.class), TYPES.get(type))));
        }
        return events;
    }

    @Override
    public void acknowledge(String caseId, String eventId) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.pull("outbox", new Document("eventId", eventId)));
    }

    @Override
    public void acknowledgeAll(Map<String, List<String>> eventIdsByCase) {
        List<WriteModel<Document>> writes = new ArrayList<>(eventIdsByCase.size());
        eventIdsByCase.forEach((caseId, eventIds) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", caseId),
                Updates.pull("outbox", Filters.in("eventId", eventIds)))));
        if (!writes.isEmpty()) {
            cases.bulkWrite(writes, UNORDERED);
        }
    }

    @Override
    public List<String> withPendingEvents(Instant before) {
        List<String> ids = new ArrayList<>();
        for (Document doc : cases.find(Filters.exists("outbox.0")).projection(new Document("outbox", 1))
                .sort(Sorts.ascending("_id"))) {
            List<Document> outbox = doc.getList("outbox", Document.class, List.of());
            if (!outbox.isEmpty() && outbox.get(0).getDate("occurredAt").toInstant().isBefore(before)) {
                ids.add(doc.getString("_id"));
            }
        }
        return ids;
    }

    private List<FollowupCase> read(Bson filter) {
        List<FollowupCase> result = new ArrayList<>();
        for (Document doc : cases.find(filter)) {
            result.add(CaseDocuments.toCase(doc));
        }
        return result;
    }

    private Document outboxEntry(OutgoingEvent event) {
        return new Document("eventId", event.eventId())
                .append("eventType", event.eventType())
                .append("key", event.key())
                .append("occurredAt", Date.from(event.occurredAt()))
                .append("payload", json.toDocument(event.payload()));
    }
}
