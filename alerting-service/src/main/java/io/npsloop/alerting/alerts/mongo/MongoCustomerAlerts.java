package io.npsloop.alerting.alerts.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.alerting.alerts.CustomerAlerts;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** One document per customer: their latest alert and the answer time that raised it. */
@Component
class MongoCustomerAlerts implements CustomerAlerts {

    static final String CUSTOMER_ALERTS = "customer_alerts";

    private final MongoCollection<Document> customers;

    MongoCustomerAlerts(MongoDatabase database) {
        this.customers = database.getCollection(CUSTOMER_ALERTS);
    }

    @Override
    public Map<String, OpenAlert> latestAll(Collection<String> customerIds) {
        Map<String, OpenAlert> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        for (Document doc : customers.find(Filters.in("_id", customerIds))) {
            found.put(doc.getString("_id"), new OpenAlert(doc.getString("alertId"), doc.getDate("respondedAt").toInstant()));
        }
        return found;
    }

    /**
     * One unordered bulk of upserts, each guarded by the answer time: when a customer's document
     * holds a later answer, the filter misses, the upsert tries to insert the same _id and fails with
     * a duplicate key, which means "keep what is there"; any other error fails the call.
     */
    @Override
    public void rememberAll(Map<String, OpenAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(alerts.size());
        alerts.forEach((customerId, alert) -> writes.add(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", customerId), Filters.lte("respondedAt", Date.from(alert.respondedAt()))),
                Updates.combine(Updates.set("alertId", alert.alertId()), Updates.set("respondedAt", Date.from(alert.respondedAt()))),
                new UpdateOptions().upsert(true))));
        try {
            customers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            GuardedBulkWrites.rethrowUnlessOnlyDuplicateKeys(e);
        }
    }
}
