package io.npsloop.followup.donotcontact.mongo;

import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import io.npsloop.followup.donotcontact.DoNotContactEntry;
import io.npsloop.followup.donotcontact.DoNotContactList;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The list in MongoDB, one document per customer, keyed by the customer id (so a listing is one upsert). */
@Component
public class MongoDoNotContactList implements DoNotContactList {

    /** The collection, also named to the erasure of a customer's personal data. */
    public static final String COLLECTION = "do_not_contact";

    private final MongoCollection<Document> entries;

    MongoDoNotContactList(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    @Override
    public Optional<DoNotContactEntry> find(String customerId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", customerId)).first())
                .map(MongoDoNotContactList::toEntry);
    }

    @Override
    public Set<String> listed(Collection<String> customerIds) {
        Set<String> listed = new HashSet<>();
        for (Document doc : entries.find(Filters.in("_id", customerIds)).projection(Projections.include("_id"))) {
            listed.add(doc.getString("_id"));
        }
        return listed;
    }

    @Override
    public void save(DoNotContactEntry entry) {
        entries.replaceOne(Filters.eq("_id", entry.customerId()), toDocument(entry), new ReplaceOptions().upsert(true));
    }

    @Override
    public boolean remove(String customerId) {
        return entries.deleteOne(Filters.eq("_id", customerId)).getDeletedCount() == 1;
    }

    static Document toDocument(DoNotContactEntry entry) {
        return new Document("_id", entry.customerId()).append("reason", entry.reason().name())
                .append("note", entry.note()).append("listedBy", entry.listedBy())
                .append("listedAt", Date.from(entry.listedAt())).append("caseId", entry.caseId());
    }

    static DoNotContactEntry toEntry(Document doc) {
        return new DoNotContactEntry(doc.getString("_id"), DoNotContactEntry.Reason.valueOf(doc.getString("reason")),
                doc.getString("note"), doc.getString("listedBy"), doc.getDate("listedAt").toInstant(),
                doc.getString("caseId"));
    }
}
