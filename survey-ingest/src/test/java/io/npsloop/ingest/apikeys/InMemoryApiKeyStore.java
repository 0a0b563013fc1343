package io.npsloop.ingest.apikeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The key store in memory, for tests; {@link #failWith} makes every call fail as an unreachable store would. */
public class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, ManagedApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> uses = new ConcurrentHashMap<>();
    private volatile Supplier<RuntimeException> failure;

    public void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    public void heal() {
        this.failure = null;
    }

    @Override
    public boolean insert(ManagedApiKey key) {
        check();
        return keys.putIfAbsent(key.name(), key) == null;
    }

    @Override
    public List<ManagedApiKey> all() {
        check();
        return new ArrayList<>(keys.values());
    }

    @Override
    public Optional<ManagedApiKey> find(String name) {
        check();
        return Optional.ofNullable(keys.get(name));
    }

    @Override
    public Optional<ManagedApiKey> revoke(String name, String actor, Instant at) {
        check();
        return Optional.ofNullable(keys.computeIfPresent(name, (n, key) -> key.revoke(actor, at)));
    }

    @Override
    public void recordUses(Map<String, Instant> lastUsed) {
        check();
        lastUsed.forEach((name, at) -> uses.merge(name, at, KeyUsage::later));
    }

    @Override
    public Map<String, Instant> lastUses() {
        check();
        return Map.copyOf(uses);
    }

    public void clear() {
        keys.clear();
        uses.clear();
    }

    private void check() {
        Supplier<RuntimeException> failing = failure;
        if (failing != null) {
            throw failing.get();
        }
    }
}
