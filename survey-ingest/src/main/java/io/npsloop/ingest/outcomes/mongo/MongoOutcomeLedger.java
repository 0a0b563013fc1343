package io.npsloop.ingest.outcomes.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.ingest.responses.mongo.MongoEventLedger;
import io.npsloop.platform.mongo.JsonDocuments;
import org.springframework.stereotype.Component;

/** The outcomes' ledger: the collection {@value #COLLECTION}, one document per source and outcome id. */
@Component
class MongoOutcomeLedger extends MongoEventLedger<CustomerOutcomeRecorded> {

    static final String COLLECTION = "outcome_submissions";

    MongoOutcomeLedger(MongoDatabase database, JsonDocuments json) {
        super(database, COLLECTION, json, CustomerOutcomeRecorded.class, CustomerOutcomeRecorded::eventId, "outcomeId");
    }
}
