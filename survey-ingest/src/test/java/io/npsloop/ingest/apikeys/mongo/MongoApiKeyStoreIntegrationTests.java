package io.npsloop.ingest.apikeys.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.apikeys.ApiKey;
import io.npsloop.ingest.apikeys.ApiKeys;
import io.npsloop.ingest.apikeys.ManagedApiKey;
import io.npsloop.ingest.apikeys.RateLimit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The managed keys' mapping, the unique name, the guarded revocation and the usage upserts against the wire-compatible MongoDB. */
class MongoApiKeyStoreIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MongoDatabase database = CLIENT.getDatabase("ingest_api_keys_" + UUID.randomUUID().toString().substring(0, 8));
    private final MongoApiKeyStore store = new MongoApiKeyStore(database);

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aKeySurvivesTheRoundTripWithItsRateAndWithout() {
        ManagedApiKey limited = key("crm", new RateLimit(5, Duration.ofMinutes(1)));
        ManagedApiKey unlimited = key("shop", null);

        assertThat(store.insert(limited)).isTrue();
        assertThat(store.insert(unlimited)).isTrue();

        assertThat(store.find("crm")).contains(limited);
        assertThat(store.find("shop")).contains(unlimited);
        assertThat(store.find("nobody")).isEmpty();
        assertThat(store.all()).containsExactlyInAnyOrder(limited, unlimited);
    }

    @Test
    void theDocumentHoldsTheHashAsHexAndNeverTheKey() {
        store.insert(key("crm", null));

        Document document = database.getCollection(MongoApiKeyStore.KEYS).find().first();
        assertThat(document.getString("_id")).isEqualTo("crm");
        assertThat(document.getString("sha256")).isEqualTo(ApiKeys.sha256Hex("crm-secret"));
        assertThat(document.toJson()).doesNotContain("crm-secret");
    }

    @Test
    void aSecondKeyOfTheSameNameIsNotInserted() {
        assertThat(store.insert(key("crm", null))).isTrue();

        ManagedApiKey other = new ManagedApiKey("crm", "other", ApiKeys.sha256("other-secret"), Set.of(ApiKey.SCOPE_IMPORT), null,
                T0.plusSeconds(1), "grace", null, null);
        assertThat(store.insert(other)).isFalse();
        assertThat(store.find("crm")).get().extracting(ManagedApiKey::createdBy).isEqualTo("ada");
    }

    @Test
    void revocationIsRecordedOnceAndTheFirstOneStays() {
        store.insert(key("crm", null));

        assertThat(store.revoke("crm", "ada", T0.plusSeconds(60))).get().satisfies(revoked -> {
            assertThat(revoked.revoked()).isTrue();
            assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(revoked.revokedBy()).isEqualTo("ada");
        });
        assertThat(store.revoke("crm", "grace", T0.plusSeconds(120))).get().extracting(ManagedApiKey::revokedBy).isEqualTo("ada");
        assertThat(store.revoke("nobody", "ada", T0)).isEmpty();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void aLaterUseIsKeptWhateverOrderInstancesWriteIn() {
        store.recordUses(Map.of("crm", T0.plusSeconds(10), "dev", T0));
        store.recordUses(Map.of("crm", T0.plusSeconds(5)));
        store.recordUses(Map.of("dev", T0.plusSeconds(1)));
        store.recordUses(Map.of());

        assertThat(store.lastUses()).isEqualTo(Map.of("crm", T0.plusSeconds(10), "dev", T0.plusSeconds(1)));
    }

    private static ManagedApiKey key(String name, RateLimit rate) {
        return new ManagedApiKey(name, name + "-source", ApiKeys.sha256(name + "-secret"), Set.of(ApiKey.SCOPE_WRITE, ApiKey.SCOPE_IMPORT),
                rate, T0, "ada", null, null);
    }
}
