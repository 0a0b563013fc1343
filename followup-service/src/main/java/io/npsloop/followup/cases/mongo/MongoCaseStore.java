package io.npsloop.followup.cases.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.cases.CaseState;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Cases in MongoDB, one document per case id, mapped field by field. */
@Component
class MongoCaseStore implements CaseStore {

    static final String CASES = "cases";

    private final MongoCollection<Document> cases;

    MongoCaseStore(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
    }

    @Override
    public StoredCase insertIfAbsent(FollowupCase followupCase) {
        try {
            cases.insertOne(toDocument(followupCase).append("published", false));
            return new StoredCase(followupCase, false);
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            Document existing = cases.find(Filters.eq("_id", followupCase.caseId())).first();
            if (existing == null) {
                throw new IllegalStateException("Case " + followupCase.caseId() + " collided but cannot be read", e);
            }
            return new StoredCase(toCase(existing), existing.getBoolean("published", false));
        }
    }

    @Override
    public void markPublished(String caseId) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.set("published", true));
    }

    @Override
    public @Nullable FollowupCase find(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).first();
        return doc == null ? null : toCase(doc);
    }

    @Override
    public List<FollowupCase> queue(@Nullable String queue, @Nullable CaseState state, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (queue != null) {
            filters.add(Filters.eq("queue", queue));
        }
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<FollowupCase> result = new ArrayList<>();
        for (Document doc : cases.find(filter).sort(Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("slaDueAt"))).limit(limit)) {
            result.add(toCase(doc));
        }
        return result;
    }

    static Document toDocument(FollowupCase c) {
        return new Document("_id", c.caseId())
                .append("alertId", c.alertId())
                .append("responseId", c.responseId())
                .append("customerId", c.customerId())
                .append("accountId", c.accountId())
                .append("contact", c.contact() == null ? null : new Document("name", c.contact().name())
                        .append("email", c.contact().email())
                        .append("phone", c.contact().phone()))
                .append("score", c.score())
                .append("comment", c.comment())
                .append("severity", c.severity().name())
                .append("queue", c.queue())
                .append("priority", c.priority())
                .append("state", c.state().name())
                .append("openedAt", Date.from(c.openedAt()))
                .append("slaDueAt", Date.from(c.slaDueAt()))
                .append("accountValue", c.accountValue() == null ? null
                        : new Document("amount", new Decimal128(c.accountValue().amount()))
                                .append("currency", c.accountValue().currency()));
    }

    static FollowupCase toCase(Document doc) {
        Document contact = doc.get("contact", Document.class);
        Document value = doc.get("accountValue", Document.class);
        return new FollowupCase(
                doc.getString("_id"),
                doc.getString("alertId"),
                doc.getString("responseId"),
                doc.getString("customerId"),
                doc.getString("accountId"),
                contact == null ? null : new Contact(contact.getString("name"), contact.getString("email"), contact.getString("phone")),
                doc.getInteger("score"),
                doc.getString("comment"),
                Severity.valueOf(doc.getString("severity")),
                doc.getString("queue"),
                doc.getInteger("priority"),
                CaseState.valueOf(doc.getString("state")),
                doc.getDate("openedAt").toInstant(),
                doc.getDate("slaDueAt").toInstant(),
                value == null ? null : new Money(value.get("amount", Decimal128.class).bigDecimalValue(), value.getString("currency")));
    }
}
