package io.npsloop.ingest.outcomes.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where an erasure request finds a customer's outcomes: the events kept in the outcomes' ledger,
 * whose customer id (and an account id or attribute equal to it) becomes the pseudonym. Kind, time,
 * value and reason stay, and so does the fingerprint, so a late retry of an outcome sent before the
 * erasure is still a duplicate.
 */
@Configuration(proxyBeanMethods = false)
class OutcomesErasureConfiguration {

    @Bean
    PersonalDataEraser outcomePersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database).collection(MongoOutcomeLedger.COLLECTION, "event.customerId");
    }
}
