package io.npsloop.ingest.apikeys;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Keys created, listed and revoked by admins at runtime, and the set of keys that authenticate.
 *
 * <p>Every instance of the service keeps the managed keys in memory ({@link ApiKeys}) and reads
 * them from the shared store again on every {@link #refresh()}, which the service runs every
 * {@code nps.ingest.api-key-refresh}; the instance that creates or revokes a key applies the change
 * to its own set at once. So a change takes effect on the instance that made it immediately, and
 * on every other one within one refresh interval plus one read of the store.
 *
 * <p>Refreshes and the changes made here are applied one at a time: a refresh that read the store
 * just before a key was created cannot undo the creation on this instance afterwards, because the
 * creation is applied after the write and after any refresh that was already running.
 */
public final class ApiKeyAdministration {

    private final ApiKeys keys;
    private final ApiKeyStore store;
    private final KeyUsage usage;
    private final ApiKeySecrets secrets;
    private final RateLimit defaultRate;
    private final Clock clock;
    private final Object applying = new Object();
    private Map<String, ManagedApiKey> managed = Map.of();

    public ApiKeyAdministration(ApiKeys keys, ApiKeyStore store, KeyUsage usage, ApiKeySecrets secrets, RateLimit defaultRate,
            Clock clock) {
        this.keys = keys;
        this.store = store;
        this.usage = usage;
        this.secrets = secrets;
        this.defaultRate = defaultRate;
        this.clock = clock;
    }

    /**
     * Creates a key for the request and returns it with the key itself, which is not kept: only its
     * hash is stored.
     *
     * @throws ApiKeyProblemsException if the request breaks a rule
     * @throws ApiKeyNameTakenException if a configured or managed key has the name
     */
    public IssuedApiKey create(ApiKeyRequest request, String actor) {
        List<FieldProblem> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new ApiKeyProblemsException(problems);
        }
        String name = String.valueOf(request.name());
        if (keys.isConfigured(name)) {
            throw new ApiKeyNameTakenException(name, true);
        }
        String secret = secrets.generate();
        ManagedApiKey key = new ManagedApiKey(name, String.valueOf(request.source()), ApiKeys.sha256(secret), request.scopeSet(),
                request.rate(), now(), actor, null, null);
        if (!store.insert(key)) {
            throw new ApiKeyNameTakenException(name, false);
        }
        apply(key);
        return new IssuedApiKey(describe(key, null), secret);
    }

    /** Every key, configured ones first, then managed ones by name. */
    public List<ApiKeyDescription> list() {
        Map<String, Instant> lastUses = lastUses();
        List<ApiKeyDescription> all = new ArrayList<>();
        keys.configured().forEach(key -> all.add(describe(key, lastUses.get(key.name()))));
        store.all().stream()
                .sorted(Comparator.comparing(ManagedApiKey::name))
                .forEach(key -> all.add(describe(key, lastUses.get(key.name()))));
        return all;
    }

    /** The key of that name; a configured key before a managed one that the configuration shadows. */
    public Optional<ApiKeyDescription> find(String name) {
        Optional<ApiKey> configured = keys.configured().stream().filter(key -> key.name().equals(name)).findFirst();
        if (configured.isPresent()) {
            return Optional.of(describe(configured.get(), lastUses().get(name)));
        }
        Optional<ManagedApiKey> managedKey = store.find(name);
        if (managedKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(describe(managedKey.get(), lastUses().get(name)));
    }

    /**
     * Revokes a managed key: it stops authenticating on this instance at once and on the others
     * within one refresh. Revoking a revoked key changes nothing.
     *
     * @throws ConfiguredApiKeyException if the key is a configured one
     * @throws UnknownApiKeyException if there is no key of that name
     */
    public ApiKeyDescription revoke(String name, String actor) {
        if (keys.isConfigured(name)) {
            throw new ConfiguredApiKeyException(name);
        }
        ManagedApiKey revoked = store.revoke(name, actor, now()).orElseThrow(() -> new UnknownApiKeyException(name));
        apply(revoked);
        return describe(revoked, lastUses().get(name));
    }

    /**
     * Reads the managed keys from the store and makes them the set that authenticates, then saves
     * the uses noted since the last refresh. Each step is tried even if the other fails: on a
     * failure the set stays as it was, the uses are kept for the next refresh, and the failure is
     * thrown.
     */
    public void refresh() {
        RuntimeException failure = null;
        try {
            synchronized (applying) {
                Map<String, ManagedApiKey> read = new HashMap<>();
                store.all().forEach(key -> read.put(key.name(), key));
                use(read);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        Map<String, Instant> uses = usage.drain();
        if (!uses.isEmpty()) {
            try {
                store.recordUses(uses);
            } catch (RuntimeException e) {
                usage.restore(uses);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** To the millisecond, which is what the store keeps: the answer to a change shows what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void apply(ManagedApiKey changed) {
        synchronized (applying) {
            Map<String, ManagedApiKey> next = new HashMap<>(managed);
            next.put(changed.name(), changed);
            use(next);
        }
    }

    private void use(Map<String, ManagedApiKey> next) {
        managed = Map.copyOf(next);
        keys.useManaged(managed.values());
    }

    private Map<String, Instant> lastUses() {
        Map<String, Instant> uses = new HashMap<>(store.lastUses());
        usage.unsaved().forEach((name, at) -> uses.merge(name, at, KeyUsage::later));
        return uses;
    }

    private ApiKeyDescription describe(ApiKey key, @Nullable Instant lastUsed) {
        return new ApiKeyDescription(key.name(), key.source(), key.scopes(), key.rateLimit() == null ? defaultRate : key.rateLimit(),
                ApiKeyDescription.Origin.CONFIGURATION, true, null, null, null, null, lastUsed);
    }

    private ApiKeyDescription describe(ManagedApiKey key, @Nullable Instant lastUsed) {
        boolean active = !key.revoked() && !keys.isConfigured(key.name());
        return new ApiKeyDescription(key.name(), key.source(), key.scopes(), key.rateLimit() == null ? defaultRate : key.rateLimit(),
                ApiKeyDescription.Origin.MANAGED, active, key.createdAt(), key.createdBy(), key.revokedAt(), key.revokedBy(), lastUsed);
    }
}
