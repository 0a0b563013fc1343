package io.npsloop.alerting.alerts.mongo;

import com.mongodb.client.MongoDatabase;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where alerting-service keeps a customer's personal data, for erasure requests (nps.erasures.v1). */
@Configuration(proxyBeanMethods = false)
class AlertingErasureConfiguration {

    @Bean
    PersonalDataEraser alertingPersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database)
                .collection(MongoAlertStore.ALERTS, "customerId")
                .collection(MongoCustomerAlerts.CUSTOMER_ALERTS, "_id")
                .collection(MongoScoredResponses.SCORED_RESPONSES, "response.customerId")
                .collection("notifications", "alert.customerId");
    }
}
