package io.npsloop.ingest.apikeys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.testing.MutableClock;

/**
 * Two instances of the service are two administrations over one store: what one creates or revokes
 * takes effect on it at once and on the other at its next refresh.
 */
class ApiKeyAdministrationTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RateLimit DEFAULT_RATE = new RateLimit(50, Duration.ofSeconds(1));
    private static final ApiKeyRequest CRM = new ApiKeyRequest("crm-2026-03", "crm", List.of(ApiKey.SCOPE_WRITE), null);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final Instance one = new Instance(store, clock);
    private final Instance two = new Instance(store, clock);

    /** One instance of the service: its key set, its noted uses, its administration. */
    static final class Instance {
        final ApiKeys keys = new ApiKeys(List.of(
                ApiKey.ofHexHash("dev", "dev", ApiKeys.sha256Hex("dev-secret"), ApiKey.SCOPES)));
        final KeyUsage usage;
        final ApiKeyAdministration administration;

        Instance(ApiKeyStore store, MutableClock clock) {
            usage = new KeyUsage(clock);
            administration = new ApiKeyAdministration(keys, store, usage, new ApiKeySecrets(new SecureRandom()), DEFAULT_RATE, clock);
        }
    }

    @Test
    void aCreatedKeyAuthenticatesAtOnceOnItsInstanceAndAfterTheNextRefreshOnAnother() {
        IssuedApiKey issued = one.administration.create(CRM, "ada");

        assertThat(one.keys.authenticate(issued.key())).get().extracting(ApiKey::source).isEqualTo("crm");
        assertThat(two.keys.authenticate(issued.key())).isEmpty();
        two.administration.refresh();
        assertThat(two.keys.authenticate(issued.key())).get().satisfies(key -> {
            assertThat(key.name()).isEqualTo("crm-2026-03");
            assertThat(key.allows(ApiKey.SCOPE_WRITE)).isTrue();
            assertThat(key.allows(ApiKey.SCOPE_IMPORT)).isFalse();
        });
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnItsInstanceAndAfterTheNextRefreshOnAnother() {
        IssuedApiKey issued = one.administration.create(CRM, "ada");
        two.administration.refresh();

        clock.advance(Duration.ofMinutes(5));
        ApiKeyDescription revoked = two.administration.revoke("crm-2026-03", "grace");

        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(revoked.revokedBy()).isEqualTo("grace");
        assertThat(two.keys.authenticate(issued.key())).isEmpty();
        assertThat(one.keys.authenticate(issued.key())).isPresent();
        one.administration.refresh();
        assertThat(one.keys.authenticate(issued.key())).isEmpty();
        assertThat(one.keys.authenticate("dev-secret")).isPresent();
    }

    @Test
    void onlyTheHashOfTheKeyIsStoredAndTheKeyIsNotInAnyDescription() {
        IssuedApiKey issued = one.administration.create(CRM, "ada");

        ManagedApiKey stored = store.find("crm-2026-03").orElseThrow();
        assertThat(stored.sha256()).isEqualTo(ApiKeys.sha256(issued.key()));
        assertThat(stored.toString()).doesNotContain(issued.key());
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(issued.description().toString()).doesNotContain(issued.key());
    }

    @Test
    void theCreationIsDescribedWithItsAuthorTimeAndTheRateThatApplies() {
        IssuedApiKey issued = one.administration.create(
                new ApiKeyRequest("shop", "webshop", List.of(ApiKey.SCOPE_IMPORT), new ApiKeyRequest.Rate(5, "PT1M")), "ada");
        ApiKeyDescription described = issued.description();

        assertThat(described.origin()).isEqualTo(ApiKeyDescription.Origin.MANAGED);
        assertThat(described.active()).isTrue();
        assertThat(described.createdAt()).isEqualTo(T0);
        assertThat(described.createdBy()).isEqualTo("ada");
        assertThat(described.rateLimit()).isEqualTo(new RateLimit(5, Duration.ofMinutes(1)));
        assertThat(one.administration.create(CRM, "ada").description().rateLimit()).isEqualTo(DEFAULT_RATE);
    }

    @Test
    void namesAreUniqueAcrossConfiguredAndManagedKeysRevokedOnesIncluded() {
        one.administration.create(CRM, "ada");
        one.administration.revoke("crm-2026-03", "ada");

        assertThatThrownBy(() -> two.administration.create(CRM, "grace"))
                .isInstanceOf(ApiKeyNameTakenException.class).hasMessageContaining("revoked keys keep their names");
        assertThatThrownBy(() -> two.administration.create(new ApiKeyRequest("dev", "dev", List.of(ApiKey.SCOPE_WRITE), null), "grace"))
                .isInstanceOf(ApiKeyNameTakenException.class).hasMessageContaining("configuration");
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void anInvalidRequestCreatesNothing() {
        assertThatThrownBy(() -> one.administration.create(new ApiKeyRequest("crm", null, List.of("everything"), null), "ada"))
                .isInstanceOfSatisfying(ApiKeyProblemsException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("source", "scopes[0]"));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void revokingTwiceKeepsTheFirstRevocation() {
        one.administration.create(CRM, "ada");
        one.administration.revoke("crm-2026-03", "ada");
        clock.advance(Duration.ofHours(1));

        ApiKeyDescription again = two.administration.revoke("crm-2026-03", "grace");

        assertThat(again.revokedBy()).isEqualTo("ada");
        assertThat(again.revokedAt()).isEqualTo(T0);
    }

    @Test
    void configuredKeysAreRevokedInTheConfigurationAndUnknownKeysNotAtAll() {
        assertThatThrownBy(() -> one.administration.revoke("dev", "ada"))
                .isInstanceOf(ConfiguredApiKeyException.class).hasMessageContaining("remove it from the configuration");
        assertThatThrownBy(() -> one.administration.revoke("nobody", "ada")).isInstanceOf(UnknownApiKeyException.class);
        assertThat(one.keys.authenticate("dev-secret")).isPresent();
    }

    @Test
    void theListHoldsConfiguredKeysThenManagedOnesByNameRevokedIncluded() {
        one.administration.create(new ApiKeyRequest("zeta", "zeta", List.of(ApiKey.SCOPE_WRITE), null), "ada");
        one.administration.create(CRM, "ada");
        one.administration.revoke("zeta", "ada");

        assertThat(two.administration.list())
                .extracting(ApiKeyDescription::name, ApiKeyDescription::origin, ApiKeyDescription::active)
                .containsExactly(
                        tuple("dev", ApiKeyDescription.Origin.CONFIGURATION, true),
                        tuple("crm-2026-03", ApiKeyDescription.Origin.MANAGED, true),
                        tuple("zeta", ApiKeyDescription.Origin.MANAGED, false));
        assertThat(two.administration.find("dev")).get().extracting(ApiKeyDescription::createdAt).isNull();
        assertThat(two.administration.find("zeta")).get().extracting(ApiKeyDescription::revokedBy).isEqualTo("ada");
        assertThat(two.administration.find("nobody")).isEmpty();
    }

    @Test
    void lastUseIsSavedAtTheRefreshAndSeenByEveryInstance() {
        one.usage.used("dev");
        clock.advance(Duration.ofSeconds(10));

        assertThat(one.administration.find("dev")).get().extracting(ApiKeyDescription::lastUsedAt).isEqualTo(T0);
        assertThat(two.administration.find("dev")).get().extracting(ApiKeyDescription::lastUsedAt).isNull();
        one.administration.refresh();
        assertThat(two.administration.find("dev")).get().extracting(ApiKeyDescription::lastUsedAt).isEqualTo(T0);

        two.usage.used("dev");
        one.usage.restore(Map.of("dev", T0.minusSeconds(60)));
        two.administration.refresh();
        one.administration.refresh();
        assertThat(one.administration.find("dev")).get().extracting(ApiKeyDescription::lastUsedAt).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void whileTheStoreIsAwayTheLastSetStaysAndUsesAreKept() {
        IssuedApiKey issued = one.administration.create(CRM, "ada");
        two.administration.refresh();
        two.usage.used("crm-2026-03");
        store.failWith(() -> new IllegalStateException("store unreachable"));

        assertThatThrownBy(two.administration::refresh).hasMessage("store unreachable");

        assertThat(two.keys.authenticate(issued.key())).isPresent();
        assertThat(two.usage.unsaved()).containsKey("crm-2026-03");
        store.heal();
        two.administration.refresh();
        assertThat(two.usage.unsaved()).isEmpty();
        assertThat(store.lastUses()).containsEntry("crm-2026-03", T0);
    }

    @Test
    void aRefreshThatReadTheStoreBeforeACreationCannotUndoItOnTheCreatingInstance() throws Exception {
        CountDownLatch readStale = new CountDownLatch(1);
        CountDownLatch created = new CountDownLatch(1);
        InMemoryApiKeyStore slowReads = new InMemoryApiKeyStore() {
            @Override
            public List<ManagedApiKey> all() {
                List<ManagedApiKey> stale = super.all();
                if (Thread.currentThread().getName().equals("refresh")) {
                    readStale.countDown();
                    await(created);
                }
                return stale;
            }
        };
        Instance instance = new Instance(slowReads, clock);
        CompletableFuture<Void> refresh = new CompletableFuture<>();
        Thread refresher = new Thread(() -> {
            instance.administration.refresh();
            refresh.complete(null);
        }, "refresh");
        refresher.start();
        await(readStale);

        CompletableFuture<IssuedApiKey> creation = CompletableFuture.supplyAsync(() -> instance.administration.create(CRM, "ada"));
        // The creation is written, then waits for the refresh that holds the stale read to finish.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slowReads.find("crm-2026-03").isPresent());
        created.countDown();

        refresh.get(5, TimeUnit.SECONDS);
        IssuedApiKey issued = creation.get(5, TimeUnit.SECONDS);
        assertThat(instance.keys.authenticate(issued.key())).isPresent();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scopesOfAKeyAreTheOnesAsked() {
        IssuedApiKey issued = one.administration.create(
                new ApiKeyRequest("both", "both", List.of(ApiKey.SCOPE_IMPORT, ApiKey.SCOPE_WRITE, ApiKey.SCOPE_IMPORT), null), "ada");
        assertThat(issued.description().scopes()).isEqualTo(Set.of(ApiKey.SCOPE_IMPORT, ApiKey.SCOPE_WRITE));
    }
}
