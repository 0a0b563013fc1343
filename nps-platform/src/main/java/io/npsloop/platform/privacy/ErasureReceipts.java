package io.npsloop.platform.privacy;

import io.npsloop.contracts.CustomerErased;

/** Where the service that keeps the erasure audit (survey-ingest) records each service's receipt. */
@FunctionalInterface
public interface ErasureReceipts {

    void received(CustomerErased receipt);
}
