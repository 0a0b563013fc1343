package io.npsloop.ingest.responses.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.mongo.JsonDocuments;
import org.springframework.stereotype.Component;

/** The responses' ledger: the collection {@code submissions}, one document per source and response id. */
@Component
class MongoSubmissionLedger extends MongoEventLedger<ResponseSubmitted> {

    static final String COLLECTION = "submissions";

    MongoSubmissionLedger(MongoDatabase database, JsonDocuments json) {
        super(database, COLLECTION, json, ResponseSubmitted.class, ResponseSubmitted::eventId, "responseId");
    }
}
