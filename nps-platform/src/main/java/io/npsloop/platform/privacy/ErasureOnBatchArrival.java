package io.npsloop.platform.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.platform.messaging.ArrivalGuard;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ErasureOnArrival}'s rule for batch-mode bindings, with one look-up of the erased-customer
 * record per batch instead of two per record:
 * <ul>
 * <li>before the handler, the customers of the whole batch are read in one query, and every event
 *     about an erased customer is pseudonymised in place as the stores are ({@link PseudonymisedJson});</li>
 * <li>after it, the erasers run again for those customers, in case an earlier delivery stored them
 *     in full, and the other customers of the batch are read again in one query: any erased
 *     meanwhile is erased again. The erasure consumer records a customer before it erases, so either
 *     this second read sees them, or the erasure's own pass ran after the handler's writes.</li>
 * </ul>
 * Nothing here logs a customer id.
 */
public class ErasureOnBatchArrival implements ArrivalGuard {

    private final ErasedCustomers erased;
    private final List<PersonalDataEraser> erasers;

    public ErasureOnBatchArrival(ErasedCustomers erased, List<PersonalDataEraser> erasers) {
        this.erased = erased;
        this.erasers = List.copyOf(erasers);
    }

    @Override
    public Guarded before(String binding, List<ObjectNode> events) {
        Set<String> customers = new LinkedHashSet<>();
        for (ObjectNode event : events) {
            String customerId = PseudonymisedJson.customerId(event);
            if (customerId != null) {
                customers.add(customerId);
            }
        }
        Map<String, String> replacements = customers.isEmpty() ? Map.of() : erased.replacementsFor(customers);
        Set<Integer> rewritten = new LinkedHashSet<>();
        Map<String, String> pseudonymised = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String customerId = PseudonymisedJson.customerId(events.get(i));
            String replacement = customerId == null ? null : replacements.get(customerId);
            if (replacement != null) {
                PseudonymisedJson.scrub(events.get(i), customerId, replacement);
                rewritten.add(i);
                pseudonymised.put(customerId, replacement);
            }
        }
        List<String> others = new ArrayList<>(customers);
        others.removeAll(pseudonymised.keySet());
        return new Guarded() {
            @Override
            public Set<Integer> rewritten() {
                return rewritten;
            }

            @Override
            public void after() {
                pseudonymised.forEach((customerId, replacement) -> eraseAgain(binding, customerId, replacement, "was pseudonymised on arrival"));
                if (!others.isEmpty()) {
                    erased.replacementsFor(others).forEach((customerId, replacement) ->
                            eraseAgain(binding, customerId, replacement, "came in while the customer was erased"));
                }
            }
        };
    }

    private void eraseAgain(String binding, String customerId, String replacement, String why) {
        ErasureOnArrival.eraseAgain(erasers, binding, customerId, replacement, why);
    }
}
