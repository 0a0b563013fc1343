package io.npsloop.platform.privacy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes or anonymises one customer's personal data in a service's store: contact data and
 * comments go, the customer id becomes the replacement, and nothing that an aggregate figure is
 * summed from changes. Must be idempotent: a redelivered request erases nothing more.
 */
@FunctionalInterface
public interface PersonalDataEraser {

    /** Records changed, per store (collection) name. */
    Map<String, Long> erase(String customerId, String replacementCustomerId);

    /** Runs every eraser of a service; records changed per store, summed over the erasers. */
    static Map<String, Long> eraseAll(List<? extends PersonalDataEraser> erasers, String customerId, String replacementCustomerId) {
        Map<String, Long> erased = new TreeMap<>();
        for (PersonalDataEraser eraser : erasers) {
            eraser.erase(customerId, replacementCustomerId).forEach((store, n) -> erased.merge(store, n, Long::sum));
        }
        return erased;
    }
}
