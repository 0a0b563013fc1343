package io.npsloop.alerting.alerts.mongo;

import java.util.Date;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.alerting.alerts.CustomerAlerts;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
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
    public @Nullable OpenAlert latest(String customerId) {
        Document doc = customers.find(Filters.eq("_id", customerId)).first();
        return doc == null ? null : new OpenAlert(doc.getString("alertId"), doc.getDate("respondedAt").toInstant());
    }

    /**
     * An upsert guarded by the answer time: when the customer's document holds a later answer, the
     * filter misses, the upsert tries to insert the same _id and fails with a duplicate key, which
     * means "keep what is there".
     */
    @Override
    public void remember(String customerId, OpenAlert alert) {
        try {
            customers.updateOne(
                    Filters.and(Filters.eq("_id", customerId), Filters.lte("respondedAt", Date.from(alert.respondedAt()))),
                    Updates.combine(Updates.set("alertId", alert.alertId()),
                            Updates.set("respondedAt", Date.from(alert.respondedAt()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
