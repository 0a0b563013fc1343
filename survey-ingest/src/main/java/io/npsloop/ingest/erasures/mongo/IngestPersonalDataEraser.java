package io.npsloop.ingest.erasures.mongo;

import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.stereotype.Component;

/**
 * survey-ingest's copy of a customer's personal data: the submitted events kept in the submission
 * ledger (for replays and revisions). Contact and comment are removed and the customer id is
 * replaced; scores, segments and ids stay, so a later revision still finds its submission.
 */
@Component
class IngestPersonalDataEraser implements PersonalDataEraser {

    static final String SUBMISSIONS = "submissions";

    private final MongoDatabase database;

    IngestPersonalDataEraser(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Map<String, Long> erase(String customerId, String replacementCustomerId) {
        long changed = database.getCollection(SUBMISSIONS).updateMany(Filters.eq("event.customerId", customerId), Updates.combine(
                Updates.set("event.customerId", replacementCustomerId),
                Updates.set("event.contact", null),
                Updates.set("event.comment", null))).getModifiedCount();
        return Map.of(SUBMISSIONS, changed);
    }
}
