package io.npsloop.platform.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The idempotent write the services build on, since the store has no transactions: an upsert
 * whose filter matches only a document that has not applied the change yet (an older version, a
 * lower offset or sequence). When the document exists and has applied it, the filter matches
 * nothing, the upsert tries to insert a second document with the same {@code _id}, and the
 * duplicate-key error it gets means "already applied".
 */
public final class GuardedWrites {

    private GuardedWrites() {
    }

    /** Applies the update unless already applied; returns whether it was applied now. */
    public static boolean upsertUnlessApplied(MongoCollection<Document> collection, Bson notYetApplied, Bson update) {
        try {
            collection.updateOne(notYetApplied, update, new UpdateOptions().upsert(true));
            return true;
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            return false;
        }
    }
}
