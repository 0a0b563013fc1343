package io.npsloop.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/** Recognises the duplicate-key error that idempotent inserts and guarded upserts rely on. */
public final class MongoErrors {

    private static final int DUPLICATE_KEY = 11000;

    private MongoErrors() {
    }

    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e.getCode() == DUPLICATE_KEY;
    }
}
