package io.npsloop.alerting.alerts.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;

/** Unordered bulk writes whose duplicate keys mean "already there": idempotent inserts and guarded upserts. */
final class BulkWrites {

    private static final int DUPLICATE_KEY = 11000;

    private BulkWrites() {
    }

    /** Throws the failure unless every write error in it is a duplicate key (a write concern error counts as a failure). */
    static void rethrowUnlessOnlyDuplicateKeys(MongoBulkWriteException e) {
        if (e.getWriteConcernError() != null) {
            throw e;
        }
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
