package io.npsloop.ingest.erasures.mongo;

import java.util.List;

import com.mongodb.client.MongoDatabase;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.ErasedCustomers;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where survey-ingest keeps a customer's personal data, for erasure requests (nps.erasures.v1):
 * the submitted events of the submission ledger. Scores, segments and ids stay, so a later
 * revision still finds its submission. Responses about a customer already erased are taken in
 * under the customer's pseudonym ({@link Pseudonyms}).
 */
@Configuration(proxyBeanMethods = false)
class IngestErasureConfiguration {

    @Bean
    PersonalDataEraser ingestPersonalData(MongoDatabase database) {
        return CustomerDocuments.in(database).collection("submissions", "event.customerId");
    }

    @Bean
    Pseudonyms pseudonyms(ErasedCustomers erased, List<PersonalDataEraser> erasers) {
        return new ErasedCustomerPseudonyms(erased, erasers);
    }
}
