package io.npsloop.followup.rootcauses.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.followup.rootcauses.RootCause;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The taxonomy in MongoDB, one document per category id. */
@Component
class MongoRootCauseStore implements RootCauseStore {

    private final MongoCollection<Document> rootCauses;

    MongoRootCauseStore(MongoDatabase database) {
        this.rootCauses = database.getCollection("root_causes");
    }

    @Override
    public List<RootCause> all() {
        List<RootCause> result = new ArrayList<>();
        for (Document doc : rootCauses.find().sort(Sorts.ascending("_id"))) {
            result.add(toRootCause(doc));
        }
        return result;
    }

    @Override
    public Optional<RootCause> find(String id) {
        return Optional.ofNullable(rootCauses.find(Filters.eq("_id", id)).first()).map(MongoRootCauseStore::toRootCause);
    }

    @Override
    public boolean create(RootCause rootCause) {
        try {
            rootCauses.insertOne(new Document("_id", rootCause.id()).append("name", rootCause.name())
                    .append("active", rootCause.active()));
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean rename(String id, String name) {
        return rootCauses.updateOne(Filters.eq("_id", id), Updates.set("name", name)).getMatchedCount() == 1;
    }

    @Override
    public boolean deactivate(String id) {
        return rootCauses.updateOne(Filters.eq("_id", id), Updates.set("active", false)).getMatchedCount() == 1;
    }

    private static RootCause toRootCause(Document doc) {
        return new RootCause(doc.getString("_id"), doc.getString("name"), doc.getBoolean("active", true));
    }
}
