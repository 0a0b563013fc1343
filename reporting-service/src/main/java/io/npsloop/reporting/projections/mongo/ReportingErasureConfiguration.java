package io.npsloop.reporting.projections.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where reporting-service keeps a customer's personal data, for erasure requests (nps.erasures.v1). */
@Configuration(proxyBeanMethods = false)
class ReportingErasureConfiguration {

    @Bean
    PersonalDataEraser reportingPersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database)
                .collection(MongoAnswers.ANSWERS, "customerId")
                .collection(MongoOutcomes.OUTCOMES, "customerId");
    }
}
