package io.npsloop.infra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The BSON-bytes store ({@link BsonMemoryBackend}) answers as the library's own memory backend
 * does: the same operations, through the real driver, against both, give the same answers and
 * leave the same documents: inserts, guarded and upserted updates of nested fields, replacements,
 * deletes and the position they free, bulk writes, unique indexes, sorted, skipped, limited and
 * projected finds, natural order both ways, aggregation, find-and-modify; and {@code collStats}
 * counts the bytes it holds.
 */
class BsonMemoryBackendIntegrationTests {

    @Test
    void answersEveryOperationAsTheLibrarysMemoryBackendDoes() {
        try (LocalMongoServer reference = LocalMongoServer.inMemory(0);
                LocalMongoServer bson = LocalMongoServer.inMemoryAsBson(0);
                MongoClient referenceClient = MongoClients.create(reference.connectionString());
                MongoClient bsonClient = MongoClients.create(bson.connectionString())) {
            List<Object> expected = workload(referenceClient.getDatabase("diff"));
            List<Object> actual = workload(bsonClient.getDatabase("diff"));
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as("answer %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void holdsItsDocumentsAsBytesAndReportsTheirSize() {
        try (LocalMongoServer bson = LocalMongoServer.inMemoryAsBson(0);
                MongoClient client = MongoClients.create(bson.connectionString())) {
            MongoDatabase database = client.getDatabase("sizes");
            MongoCollection<Document> documents = database.getCollection("documents");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                batch.add(new Document("_id", "id-" + i).append("text", "x".repeat(100)));
            }
            documents.insertMany(batch);
            Document stats = database.runCommand(new Document("collStats", "documents"));
            long size = ((Number) stats.get("size")).longValue();
            // Each document: its length, the _id and text elements, the terminator: a little over 100 bytes.
            assertThat(size).isBetween(1_000L * 120, 1_000L * 140);
            assertThat(((Number) stats.get("count")).longValue()).isEqualTo(1_000);

            // id-0 to id-4, id-10 to id-49, id-100 to id-499.
            documents.deleteMany(Filters.regex("_id", "^id-[0-4]"));
            Document after = database.runCommand(new Document("collStats", "documents"));
            assertThat(((Number) after.get("count")).longValue()).isEqualTo(1_000 - 445);
            assertThat(((Number) after.get("size")).longValue()).isBetween(size / 2, size * 6 / 10);
        }
    }

    /** Every answer the store gives, in order, for one fixed sequence of operations. */
    private static List<Object> workload(MongoDatabase database) {
        List<Object> answers = new ArrayList<>();
        MongoCollection<Document> tallies = database.getCollection("tallies");
        tallies.createIndex(Indexes.ascending("customerId"));
        tallies.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true).sparse(true));
        Random random = new Random(7);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(new Document("_id", String.format("t-%03d", i))
                    .append("customerId", "c-" + random.nextInt(20))
                    .append("score", random.nextInt(11))
                    .append("at", Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 3_600L)))
                    .append("segments", List.of(new Document("dimension", "region").append("value", random.nextBoolean() ? "EMEA" : "APAC")))
                    .append("days", new Document("d01", new Document("promoters", 1L).append("version", 1L)))
                    .append("raw", new Binary(new byte[] {(byte) i, 1, 2}))
                    .append("flag", i % 3 == 0));
        }
        tallies.insertMany(batch);
        answers.add(tallies.countDocuments());

        // Guarded updates of nested paths, as the tallies are written.
        Function<Integer, Object> guarded = version -> tallies.updateOne(
                Filters.and(Filters.eq("_id", "t-007"), Filters.lt("days.d01.version", version)),
                Updates.combine(Updates.inc("days.d01.promoters", 2L), Updates.set("days.d01.version", (long) version),
                        Updates.inc("days.d02.detractors", 1L))).getModifiedCount();
        answers.add(guarded.apply(2));
        answers.add(guarded.apply(2));
        answers.add(tallies.find(Filters.eq("_id", "t-007")).first());
        answers.add(tallies.updateMany(Filters.eq("flag", true), Updates.push("seen", "x")).getModifiedCount());
        answers.add(tallies.updateOne(Filters.and(Filters.eq("_id", "new"), Filters.exists("v", false)), Updates.set("v", 5),
                new UpdateOptions().upsert(true)).getUpsertedId());
        answers.add(errorCode(() -> tallies.updateOne(Filters.and(Filters.eq("_id", "new"), Filters.exists("v", false)),
                Updates.set("v", 6), new UpdateOptions().upsert(true))));
        answers.add(tallies.replaceOne(Filters.eq("_id", "t-010"), new Document("customerId", "c-replaced").append("score", 10))
                .getModifiedCount());

        // Deletes free positions that the next inserts take.
        answers.add(tallies.deleteMany(Filters.lt("score", 3)).getDeletedCount());
        tallies.insertOne(new Document("_id", "after-delete").append("score", 4).append("externalId", "e-1"));
        answers.add(errorCode(() -> tallies.insertOne(new Document("_id", "dup-external").append("externalId", "e-1"))));
        answers.add(errorCode(() -> tallies.insertOne(new Document("_id", "t-011"))));

        // A bulk write of every kind, unordered, as the services write per batch.
        List<WriteModel<Document>> writes = List.of(
                new InsertOneModel<>(new Document("_id", "bulk-1").append("score", 9)),
                new UpdateOneModel<>(Filters.eq("_id", "t-012"), Updates.inc("score", 100)),
                new UpdateOneModel<>(Filters.eq("_id", "bulk-2"), Updates.set("score", 1), new UpdateOptions().upsert(true)),
                new ReplaceOneModel<>(Filters.eq("_id", "t-013"), new Document("score", 0)),
                new DeleteOneModel<>(Filters.eq("_id", "t-014")));
        var bulk = tallies.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        answers.add(List.of(bulk.getInsertedCount(), bulk.getMatchedCount(), bulk.getModifiedCount(), bulk.getDeletedCount(),
                bulk.getUpserts().size()));

        answers.add(tallies.findOneAndUpdate(Filters.eq("_id", "t-015"), Updates.inc("score", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));

        // Reads: everything in natural order both ways, filtered, sorted, skipped, limited, projected, by $in, aggregated.
        answers.add(tallies.find().into(new ArrayList<>()));
        answers.add(tallies.find().sort(new Document("$natural", -1)).into(new ArrayList<>()));
        answers.add(tallies.find(Filters.in("customerId", "c-1", "c-2", "c-3")).sort(Sorts.orderBy(Sorts.descending("score"), Sorts.ascending("_id")))
                .skip(2).limit(7).projection(Projections.include("score", "customerId")).into(new ArrayList<>()));
        answers.add(tallies.find(Filters.in("_id", "t-020", "t-021", "missing")).into(new ArrayList<>()));
        answers.add(tallies.find(Filters.and(Filters.in("_id", "t-030", "t-033", "t-036"), Filters.eq("flag", true))).into(new ArrayList<>()));
        answers.add(tallies.find(Filters.eq("segments.value", "EMEA")).map(d -> d.getString("_id")).into(new ArrayList<>()));
        answers.add(tallies.find(Filters.gte("at", Date.from(Instant.parse("2026-01-05T00:00:00Z")))).map(d -> d.getString("_id"))
                .into(new ArrayList<>()));
        answers.add(tallies.aggregate(List.of(Aggregates.match(Filters.exists("customerId")),
                Aggregates.group("$customerId", Accumulators.sum("n", 1), Accumulators.sum("scores", "$score")),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>()));
        answers.add(tallies.countDocuments(Filters.eq("flag", true)));
        answers.add(tallies.distinct("customerId", String.class).into(new ArrayList<>()));
        return answers;
    }

    private static Object errorCode(Runnable write) {
        try {
            write.run();
            return "no error";
        } catch (MongoWriteException e) {
            return e.getError().getCode();
        }
    }

    @Test
    void aReadAfterAnUpdateSeesTheUpdateAndAFailedUpdateLeavesTheDocumentAsItWas() {
        try (LocalMongoServer bson = LocalMongoServer.inMemoryAsBson(0);
                MongoClient client = MongoClients.create(bson.connectionString())) {
            MongoCollection<Document> documents = client.getDatabase("updates").getCollection("documents");
            documents.insertOne(new Document("_id", "a").append("n", 1).append("text", "t"));
            documents.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 1));
            assertThat(documents.find(Filters.eq("_id", "a")).first().getInteger("n")).isEqualTo(2);
            // $inc of a string fails: nothing of the update is applied.
            assertThatThrownBy(() -> documents.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.inc("n", 1), Updates.inc("text", 1))))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(documents.find(Filters.eq("_id", "a")).first()).isEqualTo(new Document("_id", "a").append("n", 2).append("text", "t"));
        }
    }
}
