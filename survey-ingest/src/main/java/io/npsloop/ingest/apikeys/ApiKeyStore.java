package io.npsloop.ingest.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The managed keys, shared by every instance of the service, and when each key was last used. */
public interface ApiKeyStore {

    /** Adds the key unless one of that name exists (revoked keys included); true if it was added. */
    boolean insert(ManagedApiKey key);

    /** Every managed key, revoked ones included. */
    List<ManagedApiKey> all();

    Optional<ManagedApiKey> find(String name);

    /**
     * Marks the key revoked by the actor at the time, unless it is revoked already; the key as
     * stored afterwards, or empty if there is no managed key of that name.
     */
    Optional<ManagedApiKey> revoke(String name, String actor, Instant at);

    /** Records these uses; a stored time later than the one given stays. */
    void recordUses(Map<String, Instant> lastUsed);

    /** The last recorded use of each key that has one, configured keys included. */
    Map<String, Instant> lastUses();
}
