package io.npsloop.ingest.responses;

import java.util.Collection;
import java.util.Map;

/**
 * What the id of each erased customer became (README, Privacy). A response about a customer erased
 * before it arrived is accepted under the pseudonym, without contact data or comment; one whose
 * customer was erased while it was being stored is erased again right after.
 */
public interface Pseudonyms {

    /** Nobody is erased: for tests of everything else. */
    Pseudonyms NONE = new Pseudonyms() {
        @Override
        public Map<String, String> of(Collection<String> customerIds) {
            return Map.of();
        }

        @Override
        public void eraseIfErased(Collection<String> customerIds) {
        }
    };

    /** The pseudonym of each of the customers who are erased; those who are not are absent. */
    Map<String, String> of(Collection<String> customerIds);

    /**
     * After a write about these customers: erases again what this service stored about each of them
     * who has been erased since the look-up, as their erasure did.
     */
    void eraseIfErased(Collection<String> customerIds);
}
