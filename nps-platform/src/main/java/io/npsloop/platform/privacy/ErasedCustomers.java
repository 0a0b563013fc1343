package io.npsloop.platform.privacy;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The customers a service has erased, and what each one's id became. A service keeps its own record
 * (the erasure consumer writes it before it erases), so a record that reaches the service later
 * about an erased customer can be pseudonymised the same way. An erasure is never undone: once a
 * customer is on record, they stay on it with the same replacement id.
 */
public interface ErasedCustomers {

    /**
     * Puts the customer on record unless they are already; returns the replacement id on record,
     * which is the first erasure's when the customer was erased before.
     */
    String record(String customerId, String replacementCustomerId, Instant erasedAt);

    /** The replacement id of the customer if they were erased, read afresh unless they are known to be. */
    Optional<String> replacementFor(String customerId);

    /** The replacement id of each of the customers that was erased; those who were not are absent. */
    default Map<String, String> replacementsFor(Collection<String> customerIds) {
        Map<String, String> replacements = new LinkedHashMap<>();
        for (String customerId : customerIds) {
            replacementFor(customerId).ifPresent(replacement -> replacements.put(customerId, replacement));
        }
        return replacements;
    }
}
