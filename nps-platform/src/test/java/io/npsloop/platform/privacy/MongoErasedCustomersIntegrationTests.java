package io.npsloop.platform.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.infra.LocalInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The record of erased customers in the wire-compatible store, as two instances of one service see it. */
class MongoErasedCustomersIntegrationTests {

    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.shared().mongoUri());
        database = client.getDatabase("erased_customers_it_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theRecordKeepsAHashOfTheCustomerIdNeverTheIdItself() {
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        new MongoErasedCustomers(database).record("c-hash", "erased-1", at);

        List<Document> stored = database.getCollection(MongoErasedCustomers.COLLECTION).find().into(new java.util.ArrayList<>());
        Document onRecord = stored.stream().filter(doc -> doc.getString("replacementCustomerId").equals("erased-1")).findFirst().orElseThrow();
        assertThat(onRecord.getString("_id")).hasSize(64).isEqualTo(MongoErasedCustomers.idOf("c-hash")).doesNotContain("c-hash");
        assertThat(onRecord.getDate("erasedAt").toInstant()).isEqualTo(at);
        assertThat(onRecord.toJson()).doesNotContain("c-hash");
    }

    @Test
    void aCustomerErasedTwiceKeepsTheFirstReplacement() {
        ErasedCustomers erased = new MongoErasedCustomers(database);

        assertThat(erased.record("c-twice", "erased-first", Instant.now())).isEqualTo("erased-first");
        assertThat(new MongoErasedCustomers(database).record("c-twice", "erased-second", Instant.now())).isEqualTo("erased-first");

        assertThat(erased.replacementFor("c-twice")).hasValue("erased-first");
    }

    @Test
    void aCustomerNotFoundIsReadAgainSoAnotherInstancesErasureIsSeenAtOnce() {
        ErasedCustomers here = new MongoErasedCustomers(database);
        ErasedCustomers elsewhere = new MongoErasedCustomers(database);
        assertThat(here.replacementFor("c-later")).isEmpty();

        elsewhere.record("c-later", "erased-2", Instant.now());

        assertThat(here.replacementFor("c-later")).hasValue("erased-2");
        assertThat(here.replacementFor("c-never")).isEmpty();
    }

    @Test
    void manyCustomersAreLookedUpTogether() {
        ErasedCustomers erased = new MongoErasedCustomers(database);
        erased.record("c-many-1", "erased-m1", Instant.now());
        new MongoErasedCustomers(database).record("c-many-2", "erased-m2", Instant.now());

        Map<String, String> found = erased.replacementsFor(List.of("c-many-1", "c-many-2", "c-many-3"));

        assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of("c-many-1", "erased-m1", "c-many-2", "erased-m2"));
        assertThat(erased.replacementsFor(List.of("c-many-3"))).isEmpty();
        assertThat(erased.replacementsFor(List.of())).isEmpty();
    }
}
