package io.npsloop.platform.mongo;

import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * The batch form of {@link GuardedWrites}: many guarded writes in
 * one round trip, unordered, since each touches its own document. A write whose guard finds the
 * change already applied collides on {@code _id}; such collisions mean "already applied" and are
 * dropped, any other error fails the whole call, and the batch is then written again (every write
 * in it is idempotent).
 */
public final class GuardedBulkWrites {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final InsertManyOptions UNORDERED_INSERTS = new InsertManyOptions().ordered(false);

    private GuardedBulkWrites() {
    }

    /** Applies each write unless its document has applied it already; at most one write per document. */
    public static void writeUnlessApplied(MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            rethrowUnlessAllApplied(e);
        }
    }

    /** Inserts each document unless one with its {@code _id} is kept already. */
    public static void insertUnlessKept(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, UNORDERED_INSERTS);
        } catch (MongoBulkWriteException e) {
            rethrowUnlessAllApplied(e);
        }
    }

    /**
     * Throws the failure of an unordered bulk write unless every error in it is a duplicate key
     * (each of those writes was applied before); a write concern error is a failure.
     */
    public static void rethrowUnlessOnlyDuplicateKeys(MongoBulkWriteException e) {
        rethrowUnlessAllApplied(e);
    }

    private static void rethrowUnlessAllApplied(MongoBulkWriteException e) {
        if (e.getWriteConcernError() != null) {
            throw e;
        }
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
