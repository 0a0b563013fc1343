package io.npsloop.ingest.erasures;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The erasure audit records. */
public interface ErasureStore {

    void create(Erasure erasure);

    @Nullable Erasure find(String erasureId);

    /** The newest first. */
    List<Erasure> latest(int limit);

    /** Adds a service's receipt; a second receipt of the same service for the same erasure changes nothing. */
    void addReceipt(String erasureId, Erasure.Receipt receipt);
}
