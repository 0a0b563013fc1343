package io.npsloop.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queries that pin {@code _id} next to other conditions are answered from the {@code _id} index
 * ({@link IdFirstBackends}) and match exactly what a scan would: through the real driver, in memory
 * and on disk, for the shapes the services use (a guard beside the id, the driver's {@code $and},
 * {@code $in} with a condition, a guarded upsert whose guard fails), and an on-disk file stays
 * readable by the library's own H2 backend.
 */
class IdFirstBackendsIntegrationTests {

    @Test
    void inMemoryQueriesPinningAnIdMatchWhatAScanMatches() {
        try (LocalMongoServer mongo = LocalMongoServer.inMemory(0)) {
            checkQueries(mongo);
        }
    }

    @Test
    void onDiskQueriesPinningAnIdMatchWhatAScanMatchesAndTheFileStaysTheLibrarys(@TempDir Path dir) {
        Path file = dir.resolve("store.mv");
        try (LocalMongoServer mongo = LocalMongoServer.onDisk(file, 0)) {
            checkQueries(mongo);
        }
        MongoServer plain = new MongoServer(new H2Backend(file.toAbsolutePath().toString()));
        try {
            String address = "mongodb://" + plain.bind().getHostString() + ":" + plain.getLocalAddress().getPort();
            try (MongoClient client = MongoClients.create(address)) {
                Document kept = client.getDatabase("id_first").getCollection("tallies").find(Filters.eq("_id", "a")).first();
                assertThat(kept).isNotNull();
                assertThat(kept.getInteger("version")).isEqualTo(2);
            }
        } finally {
            plain.shutdownNow();
        }
    }

    @Test
    void onlyQueriesThatPinTheIdAreNarrowed() {
        assertThat(IdFirstBackends.idPart(q("_id", "a").append("v", q("$lt", 3)))).isEqualTo(q("_id", "a"));
        assertThat(IdFirstBackends.idPart(q("$and", List.of(q("_id", "a"), q("v", 1))))).isEqualTo(q("_id", "a"));
        assertThat(IdFirstBackends.idPart(q("_id", q("$in", List.of("a", "b"))).append("v", 1)))
                .isEqualTo(q("_id", q("$in", List.of("a", "b"))));
        assertThat(IdFirstBackends.idPart(q("_id", "a"))).as("the library's own index use").isNull();
        assertThat(IdFirstBackends.idPart(q("_id", q("$gte", "a")).append("v", 1))).as("a range").isNull();
        assertThat(IdFirstBackends.idPart(q("v", 1).append("w", 2))).isNull();
        assertThat(IdFirstBackends.idPart(q("$or", List.of(q("_id", "a"), q("v", 1))))).isNull();
    }

    private static void checkQueries(LocalMongoServer mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> tallies = client.getDatabase("id_first").getCollection("tallies");
            List<Document> documents = new ArrayList<>();
            for (String id : List.of("a", "b", "c", "d")) {
                documents.add(doc("_id", id).append("version", 1).append("flag", !id.equals("c")));
            }
            tallies.insertMany(documents);

            // A guard beside the id: applied once, then the guard fails.
            assertThat(tallies.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2)), Updates.inc("version", 1))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(tallies.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2)), Updates.inc("version", 1))
                    .getModifiedCount()).isZero();
            // The same guard as an upsert: the id exists, so the insert collides, as on MongoDB.
            Supplier<Object> upsert = () -> tallies.updateOne(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2)),
                    Updates.inc("version", 1), new UpdateOptions().upsert(true));
            assertThatThrownBy(upsert::get).isInstanceOfSatisfying(MongoWriteException.class,
                    e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            // An upsert of an id not there yet inserts it with the update applied.
            tallies.updateOne(Filters.and(Filters.eq("_id", "e"), Filters.exists("version", false)), Updates.set("version", 5),
                    new UpdateOptions().upsert(true));
            assertThat(tallies.find(Filters.eq("_id", "e")).first().getInteger("version")).isEqualTo(5);

            // $in with a condition: only the ids named, and of those only the ones that match.
            assertThat(tallies.updateMany(new Document("_id", new Document("$in", List.of("b", "c", "x"))).append("flag", true),
                    Updates.set("seen", true)).getModifiedCount()).isEqualTo(1);
            assertThat(tallies.find(Filters.eq("seen", true)).map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("b");
            assertThat(tallies.find(new Document("_id", "d").append("flag", false)).first()).isNull();
            assertThat(tallies.find(new Document("_id", "d").append("flag", true)).first()).isNotNull();
            assertThat(tallies.countDocuments()).isEqualTo(5);
        }
    }

    private static Document doc(String key, Object value) {
        return new Document(key, value);
    }

    /** A query as the store sees it. */
    private static de.bwaldvogel.mongo.bson.Document q(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }
}
