package io.npsloop.scoring.nps.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.MongoErrors;
import io.npsloop.scoring.nps.SegmentValues;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The admitted values of each dimension, one document per dimension ({@code _id} = dimension,
 * {@code values}, {@code count}). A value is admitted by one guarded single-document update: "add
 * it if it is not there and fewer than cap values are", so two consumers racing for the last free
 * place cannot both win. The answer is then read back from the document, which is the only truth.
 * Admission is permanent, so admitted values and full dimensions are cached: they never change.
 */
@Component
public class MongoSegmentValues implements SegmentValues {

    static final String SEGMENT_VALUES = "segment_values";

    private final MongoCollection<Document> collection;
    private final Map<String, Set<String>> admitted = new ConcurrentHashMap<>();
    private final Set<String> full = ConcurrentHashMap.newKeySet();

    public MongoSegmentValues(MongoDatabase database) {
        this.collection = database.getCollection(SEGMENT_VALUES);
    }

    @Override
    public boolean admit(String dimension, String value, int cap) {
        Set<String> known = admitted.computeIfAbsent(dimension, key -> ConcurrentHashMap.newKeySet());
        if (known.contains(value)) {
            return true;
        }
        if (full.contains(dimension)) {
            return false;
        }
        Bson roomAndNew = Filters.and(Filters.eq("_id", dimension), Filters.ne("values", value), Filters.lt("count", cap));
        try {
            collection.updateOne(roomAndNew, Updates.combine(Updates.addToSet("values", value), Updates.inc("count", 1)),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            // The dimension's document exists but the guard did not match: the value is there or the cap is reached.
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        Document doc = collection.find(Filters.eq("_id", dimension)).first();
        List<String> values = doc == null ? List.of() : doc.getList("values", String.class, List.of());
        known.addAll(values);
        if (values.size() >= cap) {
            full.add(dimension);
        }
        return known.contains(value);
    }

    @Override
    public List<String> admitted(String dimension) {
        Document doc = collection.find(Filters.eq("_id", dimension)).first();
        return doc == null ? List.of() : new ArrayList<>(doc.getList("values", String.class, List.of()));
    }
}
