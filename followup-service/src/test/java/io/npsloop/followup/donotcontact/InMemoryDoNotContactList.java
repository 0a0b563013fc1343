package io.npsloop.followup.donotcontact;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The do-not-contact list in a map, for the domain's tests. */
public final class InMemoryDoNotContactList implements DoNotContactList {

    final Map<String, DoNotContactEntry> entries = new LinkedHashMap<>();

    @Override
    public Optional<DoNotContactEntry> find(String customerId) {
        return Optional.ofNullable(entries.get(customerId));
    }

    @Override
    public Set<String> listed(Collection<String> customerIds) {
        Set<String> listed = new LinkedHashSet<>(customerIds);
        listed.retainAll(entries.keySet());
        return listed;
    }

    @Override
    public void save(DoNotContactEntry entry) {
        entries.put(entry.customerId(), entry);
    }

    @Override
    public boolean remove(String customerId) {
        return entries.remove(customerId) != null;
    }
}
