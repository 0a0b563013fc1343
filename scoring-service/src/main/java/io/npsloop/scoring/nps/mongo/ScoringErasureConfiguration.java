package io.npsloop.scoring.nps.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where scoring-service keeps a customer's personal data, for erasure requests (nps.erasures.v1). */
@Configuration(proxyBeanMethods = false)
class ScoringErasureConfiguration {

    @Bean
    PersonalDataEraser scoringPersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database)
                .collection(MongoScoringStore.RESPONSES, "customerId")
                .collection(MongoScoringStore.CUSTOMERS, "_id");
    }
}
