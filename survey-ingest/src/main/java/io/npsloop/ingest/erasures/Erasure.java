package io.npsloop.ingest.erasures;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One erasure request and the receipts of the services that carried it out. The customer id is
 * kept: it is what was erased, and the audit must say so.
 */
public record Erasure(String erasureId, String customerId, String requestedBy, Instant requestedAt, String reason,
        List<Receipt> receipts) {

    public Erasure {
        receipts = List.copyOf(receipts);
    }

    /** What one service erased: records per store. */
    public record Receipt(String service, Instant erasedAt, Map<String, Long> erased) {

        public Receipt {
            erased = Map.copyOf(erased);
        }
    }

    /** The services that are still to report. */
    public Set<String> pending(Collection<String> services) {
        Set<String> pending = new TreeSet<>(services);
        receipts.forEach(receipt -> pending.remove(receipt.service()));
        return pending;
    }
}
