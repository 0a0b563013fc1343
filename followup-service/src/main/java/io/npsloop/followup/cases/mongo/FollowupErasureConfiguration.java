package io.npsloop.followup.cases.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.followup.donotcontact.mongo.MongoDoNotContactList;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where followup-service keeps a customer's personal data, for erasure requests (nps.erasures.v1). */
@Configuration(proxyBeanMethods = false)
class FollowupErasureConfiguration {

    @Bean
    PersonalDataEraser followupPersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database)
                .collection(MongoCaseStore.CASES, "customerId")
                .collection(MongoCaseStore.CUSTOMERS, "_id")
                // Pseudonymised like the cases: the entry moves to the replacement id, its note cleared,
                // so the cases that now name that id stay marked.
                .collection(MongoDoNotContactList.COLLECTION, "_id");
    }
}
