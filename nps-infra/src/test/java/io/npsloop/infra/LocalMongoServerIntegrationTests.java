package io.npsloop.infra;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMongoServerIntegrationTests {

    private static final FindOneAndUpdateOptions UPSERT_RETURNING_AFTER =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

    @Test
    void onDiskServerKeepsDocumentsAndCountersAcrossARestart(@TempDir Path dir) {
        Path file = dir.resolve("mongo/nps.mv.db");
        int port;
        try (LocalMongoServer mongo = LocalMongoServer.onDisk(file, 0)) {
            port = mongo.port();
            assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + port);
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoCollection<Document> responses = client.getDatabase("nps").getCollection("responses");
                responses.insertOne(new Document("_id", "r-1").append("score", 9));

                assertThatThrownBy(() -> responses.insertOne(new Document("_id", "r-1").append("score", 3)))
                        .isInstanceOfSatisfying(MongoWriteException.class,
                                e -> assertThat(e.getError().getCode()).isEqualTo(11000));

                MongoCollection<Document> tallies = client.getDatabase("nps").getCollection("tallies");
                Document first = tallies.findOneAndUpdate(eq("_id", "segment-a:2026-01-01"),
                        Updates.inc("promoters", 1), UPSERT_RETURNING_AFTER);
                Document second = tallies.findOneAndUpdate(eq("_id", "segment-a:2026-01-01"),
                        Updates.inc("promoters", 1), UPSERT_RETURNING_AFTER);
                assertThat(first.getInteger("promoters")).isEqualTo(1);
                assertThat(second.getInteger("promoters")).isEqualTo(2);
            }
            mongo.close();
            mongo.close();
        }

        try (LocalMongoServer restarted = LocalMongoServer.onDisk(file, port);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            assertThat(restarted.port()).isEqualTo(port);
            Document response = client.getDatabase("nps").getCollection("responses").find(eq("_id", "r-1")).first();
            Document tally = client.getDatabase("nps").getCollection("tallies")
                    .find(eq("_id", "segment-a:2026-01-01")).first();
            assertThat(response).isNotNull();
            assertThat(response.getInteger("score")).isEqualTo(9);
            assertThat(tally).isNotNull();
            assertThat(tally.getInteger("promoters")).isEqualTo(2);
            // The unique _id index is persisted too, not just the documents.
            assertThatThrownBy(() -> client.getDatabase("nps").getCollection("responses")
                    .insertOne(new Document("_id", "r-1")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        }
    }

    @Test
    void inMemoryServerStartsEmptyEachTime() {
        int port;
        try (LocalMongoServer mongo = LocalMongoServer.inMemory(0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            port = mongo.port();
            client.getDatabase("nps").getCollection("responses").insertOne(new Document("_id", "r-1"));
            assertThat(client.getDatabase("nps").getCollection("responses").countDocuments()).isEqualTo(1);
        }

        try (LocalMongoServer restarted = LocalMongoServer.inMemory(port);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            assertThat(client.getDatabase("nps").getCollection("responses").countDocuments()).isZero();
        }
    }
}
