package io.npsloop.followup.incentives.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.Money;
import io.npsloop.followup.incentives.Experiment;
import io.npsloop.followup.incentives.Incentive;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

/**
 * Incentives and experiments in MongoDB, one document per id. A unique index on the experiments'
 * root cause makes "one experiment per root cause" hold under concurrent creation (the store
 * honours unique indexes; it has no transactions to check-then-insert with).
 */
@Component
class MongoIncentiveStore implements IncentiveStore {

    private final MongoCollection<Document> incentives;
    private final MongoCollection<Document> experiments;

    MongoIncentiveStore(MongoDatabase database) {
        this.incentives = database.getCollection("incentives");
        this.experiments = database.getCollection("experiments");
        experiments.createIndex(Indexes.ascending("rootCause"), new IndexOptions().unique(true));
    }

    @Override
    public List<Incentive> incentives() {
        List<Incentive> result = new ArrayList<>();
        for (Document doc : incentives.find().sort(Sorts.ascending("_id"))) {
            result.add(toIncentive(doc));
        }
        return result;
    }

    @Override
    public Optional<Incentive> incentive(String id) {
        return Optional.ofNullable(incentives.find(Filters.eq("_id", id)).first()).map(MongoIncentiveStore::toIncentive);
    }

    @Override
    public boolean createIncentive(Incentive incentive) {
        try {
            incentives.insertOne(new Document("_id", incentive.id()).append("type", incentive.type())
                    .append("description", incentive.description())
                    .append("cost", new Decimal128(incentive.cost().amount()))
                    .append("currency", incentive.cost().currency()));
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean updateIncentive(Incentive incentive) {
        return incentives.updateOne(Filters.eq("_id", incentive.id()), Updates.combine(
                Updates.set("type", incentive.type()),
                Updates.set("description", incentive.description()),
                Updates.set("cost", new Decimal128(incentive.cost().amount())),
                Updates.set("currency", incentive.cost().currency()))).getMatchedCount() == 1;
    }

    @Override
    public List<Experiment> experiments() {
        List<Experiment> result = new ArrayList<>();
        for (Document doc : experiments.find().sort(Sorts.ascending("_id"))) {
            result.add(new Experiment(doc.getString("_id"), doc.getString("rootCause"),
                    doc.getList("arms", String.class, List.of())));
        }
        return result;
    }

    @Override
    public ExperimentCreation createExperiment(Experiment experiment) {
        try {
            experiments.insertOne(new Document("_id", experiment.id()).append("rootCause", experiment.rootCause())
                    .append("arms", experiment.arms()));
            return ExperimentCreation.CREATED;
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            return experiments.find(Filters.eq("_id", experiment.id())).first() != null
                    ? ExperimentCreation.ID_TAKEN : ExperimentCreation.ROOT_CAUSE_TAKEN;
        }
    }

    private static Incentive toIncentive(Document doc) {
        return new Incentive(doc.getString("_id"), doc.getString("type"), doc.getString("description"),
                new Money(doc.get("cost", Decimal128.class).bigDecimalValue(), doc.getString("currency")));
    }
}
