package io.npsloop.ingest.webhooks.mongo;

import java.time.Clock;
import java.util.Date;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.npsloop.ingest.webhooks.DeliveryLog;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;

/**
 * Delivery ids in the {@code webhook_deliveries} collection, keyed {@code provider:deliveryId} in
 * {@code _id} so the lookup is a primary-key read and a concurrent second insert fails harmlessly.
 */
public class MongoDeliveryLog implements DeliveryLog {

    static final String COLLECTION = "webhook_deliveries";

    private final MongoCollection<Document> deliveries;
    private final Clock clock;

    public MongoDeliveryLog(MongoDatabase database, Clock clock) {
        this.deliveries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public boolean contains(String provider, String deliveryId) {
        return deliveries.find(Filters.eq("_id", key(provider, deliveryId))).first() != null;
    }

    @Override
    public void record(String provider, String deliveryId) {
        try {
            deliveries.insertOne(new Document("_id", key(provider, deliveryId))
                    .append("provider", provider)
                    .append("receivedAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static String key(String provider, String deliveryId) {
        return provider + ":" + deliveryId;
    }
}
