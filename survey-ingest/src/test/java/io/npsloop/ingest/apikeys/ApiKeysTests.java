package io.npsloop.ingest.apikeys;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

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
    }

    @Test
    void documentedDevelopmentKeyMatchesTheHashInTheServiceSettings() {
        assertThat(ApiKeys.sha256Hex("dev-key-change-me"))
                .isEqualTo("57c8139db7290a9064aa57837c951138a32df40cca3aca526319f55651368823");
    }
}
