package io.npsloop.alerting.rules.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.alerting.rules.ChurnModels;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The churn model round-trips through the wire-compatible store, and an older one never replaces a newer one. */
class MongoChurnRiskStoreIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());
    private static final Instant T = Instant.parse("2025-04-01T02:00:00Z");

    private final MongoChurnRiskStore store = new MongoChurnRiskStore(
            CLIENT.getDatabase("alerting_churn_" + UUID.randomUUID().toString().replace("-", "")),
            new JsonDocuments(JsonMapper.builder().build()));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void keepsTheNewestModelAndReadsItBackUnchanged() {
        assertThat(store.latest()).isNull();

        ChurnRiskUpdated first = ChurnModels.model(T);
        assertThat(store.keepIfNewer(first)).isTrue();
        assertThat(store.latest()).isEqualTo(first);

        assertThat(store.keepIfNewer(ChurnModels.model(T.minusSeconds(60)))).as("older").isFalse();
        assertThat(store.keepIfNewer(first)).as("the same again").isFalse();
        assertThat(store.latest()).isEqualTo(first);

        ChurnRiskUpdated later = ChurnModels.model(T.plusSeconds(60));
        assertThat(store.keepIfNewer(later)).isTrue();
        assertThat(store.latest()).isEqualTo(later);
    }
}
