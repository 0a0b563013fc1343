package io.npsloop.platform.privacy;

import java.util.Map;

/**
 * Removes or anonymises one customer's personal data in a service's store: contact data and
 * comments go, the customer id becomes the replacement, and nothing that an aggregate figure is
 * summed from changes. Must be idempotent: a redelivered request erases nothing more.
 */
@FunctionalInterface
public interface PersonalDataEraser {

    /** Records changed, per store (collection) name. */
    Map<String, Long> erase(String customerId, String replacementCustomerId);
}
