package io.npsloop.ingest.erasures.mongo;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.platform.privacy.ErasedCustomers;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's pseudonyms from survey-ingest's record of erased customers (written by the erasure
 * consumer before it erases the ledger), and its second pass with survey-ingest's erasers.
 */
class ErasedCustomerPseudonyms implements Pseudonyms {

    private static final Logger log = LoggerFactory.getLogger(ErasedCustomerPseudonyms.class);

    private final ErasedCustomers erased;
    private final List<PersonalDataEraser> erasers;

    ErasedCustomerPseudonyms(ErasedCustomers erased, List<PersonalDataEraser> erasers) {
        this.erased = erased;
        this.erasers = List.copyOf(erasers);
    }

    @Override
    public Map<String, String> of(Collection<String> customerIds) {
        return erased.replacementsFor(customerIds);
    }

    /**
     * A failure here is logged, not thrown: the response is on the topic and in the ledger, and a
     * retry of the request would be a duplicate that writes nothing, so failing it would not bring
     * the check back.
     */
    @Override
    public void eraseIfErased(Collection<String> customerIds) {
        try {
            erased.replacementsFor(customerIds).forEach((customerId, pseudonym) -> {
                Map<String, Long> erasedNow = PersonalDataEraser.eraseAll(erasers, customerId, pseudonym);
                log.info("A response came in while its customer was erased; erased again: {}", erasedNow);
            });
        } catch (RuntimeException e) {
            log.warn("Could not check {} customers of responses just stored for an erasure made meanwhile", customerIds.size(), e);
        }
    }
}
