package io.npsloop.followup.cases.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.followup.cases.CaseChange;
import io.npsloop.followup.cases.CaseState;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.CaseTransitions;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.OutgoingEvent;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
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

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> customers;
    private final JsonDocuments json;

    MongoCaseStore(MongoDatabase database, JsonDocuments json) {
        this.cases = database.getCollection(CASES);
        this.customers = database.getCollection(CUSTOMERS);
        this.json = json;
    }

    @Override
    public FollowupCase insertIfAbsent(FollowupCase followupCase, List<OutgoingEvent> events) {
        // The customer's index first: idempotent, and a case is never stored without it.
        customers.updateOne(Filters.eq("_id", followupCase.customerId()),
                Updates.addToSet("caseIds", followupCase.caseId()), new UpdateOptions().upsert(true));
        try {
            cases.insertOne(CaseDocuments.toDocument(followupCase)
                    .append("outbox", events.stream().map(this::outboxEntry).toList()));
            return followupCase;
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            FollowupCase existing = find(followupCase.caseId());
            if (existing == null) {
                throw new IllegalStateException("Case " + followupCase.caseId() + " collided but cannot be read", e);
            }
            return existing;
        }
    }

    @Override
    public boolean apply(CaseChange change) {
        Bson filter = Filters.and(Filters.eq("_id", change.before().caseId()),
                Filters.eq("version", change.before().version()));
        List<Bson> updates = new ArrayList<>();
        CaseDocuments.mutableFields(change.after()).forEach((field, value) -> updates.add(Updates.set(field, value)));
        updates.add(Updates.push("audit", CaseDocuments.audit(change.audit())));
        if (!change.events().isEmpty()) {
            updates.add(Updates.pushEach("outbox", change.events().stream().map(this::outboxEntry).toList()));
        }
        return cases.updateOne(filter, Updates.combine(updates)).getModifiedCount() == 1;
    }

    @Override
    public @Nullable FollowupCase find(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).first();
        return doc == null ? null : CaseDocuments.toCase(doc);
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
    public List<FollowupCase> codedOther() {
        return read(Filters.and(Filters.eq("rootCauses", "other"), Filters.ne("otherRootCause", null)));
    }

    @Override
    public List<OutgoingEvent> pending(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).first();
        if (doc == null) {
            return List.of();
        }
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
