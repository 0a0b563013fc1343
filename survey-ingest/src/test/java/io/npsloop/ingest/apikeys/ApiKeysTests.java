package io.npsloop.ingest.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.npsloop.ingest.IngestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ApiKeys keys = new ApiKeys(List.of(
            ApiKey.ofHexHash("crm", "crm", ApiKeys.sha256Hex("crm-secret"), Set.of("responses:write")),
            ApiKey.ofHexHash("shop", "webshop", ApiKeys.sha256Hex("shop-secret").toUpperCase(), Set.of("responses:import"))));

    @Test
    void presentedKeyIsMatchedByItsHash() {
        assertThat(keys.authenticate("shop-secret")).get().satisfies(key -> {
            assertThat(key.source()).isEqualTo("webshop");
            assertThat(key.allows("responses:import")).isTrue();
            assertThat(key.allows("responses:write")).isFalse();
        });
    }

    @Test
    void unknownOrAlmostRightKeyIsNotAuthenticated() {
        assertThat(keys.authenticate("crm-secre")).isEmpty();
        assertThat(keys.authenticate("crm-secret ")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void theKeyItselfNeverAppearsInTheDescriptionOfAKey() {
        ApiKey key = keys.authenticate("crm-secret").orElseThrow();
        assertThat(key.toString()).doesNotContain("crm-secret").doesNotContain(ApiKeys.sha256Hex("crm-secret"));
        ManagedApiKey managed = managed("survey-tool", "tool-secret");
        assertThat(managed.toString()).doesNotContain("tool-secret").doesNotContain(ApiKeys.sha256Hex("tool-secret"));
    }

    @Test
    void documentedDevelopmentKeyMatchesTheHashInTheServiceSettings() {
        assertThat(ApiKeys.sha256Hex("dev-key-change-me"))
                .isEqualTo("57c8139db7290a9064aa57837c951138a32df40cca3aca526319f55651368823");
    }

    @Test
    void managedKeysAuthenticateNextToTheConfiguredOnes() {
        keys.useManaged(List.of(managed("survey-tool", "tool-secret")));

        assertThat(keys.authenticate("tool-secret")).get().extracting(ApiKey::source).isEqualTo("survey-tool-source");
        assertThat(keys.authenticate("crm-secret")).get().extracting(ApiKey::name).isEqualTo("crm");
        assertThat(keys.all()).extracting(ApiKey::name).containsExactly("crm", "shop", "survey-tool");
    }

    @Test
    void aRevokedManagedKeyNoLongerAuthenticates() {
        ManagedApiKey key = managed("survey-tool", "tool-secret");
        keys.useManaged(List.of(key));

        keys.useManaged(List.of(key.revoke("ada", T0.plusSeconds(60))));

        assertThat(keys.authenticate("tool-secret")).isEmpty();
        assertThat(keys.all()).extracting(ApiKey::name).containsExactly("crm", "shop");
    }

    @Test
    void eachReplacementReplacesTheWholeManagedSetAndKeepsTheConfiguredKeys() {
        keys.useManaged(List.of(managed("one", "one-secret"), managed("two", "two-secret")));
        keys.useManaged(List.of(managed("two", "two-secret")));

        assertThat(keys.authenticate("one-secret")).isEmpty();
        assertThat(keys.authenticate("two-secret")).isPresent();
        keys.useManaged(List.of());
        assertThat(keys.authenticate("two-secret")).isEmpty();
        assertThat(keys.authenticate("shop-secret")).isPresent();
    }

    @Test
    void aConfiguredKeyHoldsItsNameAgainstAManagedKeyOfTheSameName() {
        keys.useManaged(List.of(managed("crm", "other-crm-secret")));

        assertThat(keys.authenticate("other-crm-secret")).isEmpty();
        assertThat(keys.authenticate("crm-secret")).isPresent();
        assertThat(keys.isConfigured("crm")).isTrue();
        assertThat(keys.isConfigured("survey-tool")).isFalse();
    }

    @Test
    void aManagedKeyCarriesItsOwnRate() {
        RateLimit rate = new RateLimit(5, Duration.ofMinutes(1));
        keys.useManaged(List.of(new ManagedApiKey("limited", "limited", ApiKeys.sha256("limited-secret"), Set.of(ApiKey.SCOPE_WRITE),
                rate, T0, "ada", null, null)));

        assertThat(keys.authenticate("limited-secret")).get().extracting(ApiKey::rateLimit).isEqualTo(rate);
    }

    @Test
    void theScopesOfKeysAreTheScopesOfTheServiceSettings() {
        assertThat(ApiKey.SCOPES).containsExactlyInAnyOrder(IngestProperties.SCOPE_WRITE,
                IngestProperties.SCOPE_IMPORT);
    }

    static ManagedApiKey managed(String name, String secret) {
        return new ManagedApiKey(name, name + "-source", ApiKeys.sha256(secret), Set.of(ApiKey.SCOPE_WRITE), null, T0, "ada", null, null);
    }
}
