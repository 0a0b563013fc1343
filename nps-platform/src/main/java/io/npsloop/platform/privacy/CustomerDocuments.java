package io.npsloop.platform.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * A {@link PersonalDataEraser} over plain MongoDB collections: every document whose customer-id
 * field holds the customer is rewritten with each {@link PersonalFields personal field} (contact,
 * comment, note, email, phone and the like, at any depth) set to null, an attribute so named
 * dropped, and every value equal to the customer id replaced, the document id included. Counts and
 * scores are left alone, so figures summed from them do not move. Running it again finds nothing:
 * the customer id is gone.
 */
public final class CustomerDocuments implements PersonalDataEraser {

    private final MongoDatabase database;
    private final Map<String, String> customerIdFields = new LinkedHashMap<>();

    private CustomerDocuments(MongoDatabase database) {
        this.database = database;
    }

    public static CustomerDocuments in(MongoDatabase database) {
        return new CustomerDocuments(database);
    }

    /** A collection whose documents name their customer in the (dotted) field. */
    public CustomerDocuments collection(String name, String customerIdField) {
        customerIdFields.put(name, customerIdField);
        return this;
    }

    @Override
    public Map<String, Long> erase(String customerId, String replacementCustomerId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        customerIdFields.forEach((name, field) -> {
            var collection = database.getCollection(name);
            List<Document> found = collection.find(Filters.eq(field, customerId)).into(new ArrayList<>());
            for (Document document : found) {
                Object id = document.get("_id");
                Document scrubbed = (Document) scrub(document, customerId, replacementCustomerId);
                if (scrubbed.get("_id").equals(id)) {
                    collection.replaceOne(Filters.eq("_id", id), scrubbed);
                } else {
                    // Keyed by the customer: the rewritten document takes the new key, then the old one goes.
                    // A document may hold the new key already: one about the customer that arrived while
                    // the erasure ran, after an earlier pass had moved the rest. The two become one.
                    Object replacementId = scrubbed.get("_id");
                    Document existing = collection.find(Filters.eq("_id", replacementId)).first();
                    Document moved = existing == null ? scrubbed : merge(existing, scrubbed);
                    collection.replaceOne(Filters.eq("_id", replacementId), moved, new ReplaceOptions().upsert(true));
                    collection.deleteOne(Filters.eq("_id", id));
                }
            }
            erased.put(name, (long) found.size());
        });
        return erased;
    }

    /**
     * One document out of two with the same key: sub-documents merged field by field, lists joined
     * without repeats (a customer's case ids, say), and where both hold a value the moved document's
     * wins, as the later write would have.
     */
    static Document merge(Document existing, Document moved) {
        Document merged = new Document(existing);
        moved.forEach((key, value) -> {
            Object old = merged.get(key);
            if (old instanceof Document oldDocument && value instanceof Document movedDocument) {
                merged.put(key, merge(oldDocument, movedDocument));
            } else if (old instanceof List<?> oldList && value instanceof List<?> movedList) {
                List<Object> joined = new ArrayList<>(oldList);
                movedList.stream().filter(item -> !joined.contains(item)).forEach(joined::add);
                merged.put(key, joined);
            } else if (value != null || !merged.containsKey(key)) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Object scrub(Object value, String customerId, String replacement) {
        if (value instanceof Document document) {
            Document scrubbed = new Document();
            document.forEach((key, inner) -> {
                if (PersonalFields.isPersonal(key)) {
                    scrubbed.append(key, null);
                } else if (key.equals(PersonalFields.ATTRIBUTES) && inner instanceof Document attributes) {
                    scrubbed.append(key, scrubAttributes(attributes, customerId, replacement));
                } else {
                    scrubbed.append(key, scrub(inner, customerId, replacement));
                }
            });
            return scrubbed;
        }
        if (value instanceof List<?> list) {
            List<Object> scrubbed = new ArrayList<>(list.size());
            list.forEach(item -> scrubbed.add(scrub(item, customerId, replacement)));
            return scrubbed;
        }
        if (customerId.equals(value)) {
            return replacement;
        }
        return value;
    }

    /** A response's attributes map names to strings: one named as personal data goes, as a null is no string. */
    private static Document scrubAttributes(Document attributes, String customerId, String replacement) {
        Document scrubbed = new Document();
        attributes.forEach((key, inner) -> {
            if (!PersonalFields.isPersonal(key)) {
                scrubbed.append(key, scrub(inner, customerId, replacement));
            }
        });
        return scrubbed;
    }
}
