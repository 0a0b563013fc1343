package io.npsloop.followup.donotcontact;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The stored list, one entry per customer. */
public interface DoNotContactList {

    Optional<DoNotContactEntry> find(String customerId);

    /** Which of these customers are on the list: one read for a page of cases or a batch of answers. */
    Set<String> listed(Collection<String> customerIds);

    /** Stores the entry, replacing the customer's earlier one. */
    void save(DoNotContactEntry entry);

    /** Takes the customer off the list; false if they were not on it. */
    boolean remove(String customerId);
}
