package io.npsloop.bench.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.npsloop.infra.LocalMongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The naive reference: every raw response is a document in MongoDB (the same wire-compatible store,
 * through the same driver), and each NPS question is answered by an aggregation pipeline over them
 * at query time ({@code $match} on the range and segment, {@code $group} by score), with no tallies.
 */
final class NaiveStore implements AutoCloseable {

    private final LocalMongoServer server;
    private final MongoClient client;
    private final MongoCollection<Document> responses;
    private final SplittableRandom random = new SplittableRandom(23);
    private final LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    private long stored;

    NaiveStore() {
        this.server = LocalMongoServer.inMemory(0);
        this.client = MongoClients.create(server.connectionString());
        this.responses = client.getDatabase("naive").getCollection("responses");
    }

    long stored() {
        return stored;
    }

    /** Inserts one document per call, the way a naive service would store each response it receives; responses per second. */
    double insertOneByOne(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            responses.insertOne(next());
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Brings the collection up to {@code total} documents with bulk inserts; responses per second. */
    double fillTo(long total) {
        long start = System.nanoTime();
        long added = 0;
        List<Document> chunk = new ArrayList<>(10_000);
        while (stored < total) {
            chunk.add(next());
            if (chunk.size() == 10_000 || stored == total) {
                responses.insertMany(chunk);
                added += chunk.size();
                chunk.clear();
            }
        }
        return added / ((System.nanoTime() - start) / 1e9);
    }

    private Document next() {
        stored++;
        return new Document("_id", "naive-" + stored)
                .append("day", today.minusDays(random.nextInt(90)).toString())
                .append("score", random.nextInt(11))
                .append("channel", ResponseBodies.CHANNELS.get(random.nextInt(4)))
                .append("surveyId", ResponseBodies.SURVEY)
                .append("region", ResponseBodies.REGIONS.get(random.nextInt(4)))
                .append("product", ResponseBodies.PRODUCTS.get(random.nextInt(5)))
                .append("plan", ResponseBodies.PLANS.get(random.nextInt(3)));
    }

    /** The same four questions the benchmark asks scoring-service's NPS API. */
    List<NamedQuery> queries() {
        String from30 = today.minusDays(29).toString();
        String from90 = today.minusDays(89).toString();
        return List.of(
                new NamedQuery("overall, 30 days", () -> aggregate(Filters.gte("day", from30), null)),
                new NamedQuery("region=EMEA, 90 days", () -> aggregate(Filters.and(Filters.gte("day", from90), Filters.eq("region", "EMEA")), null)),
                new NamedQuery("every product, 90 days", () -> aggregate(Filters.gte("day", from90), "$product")),
                new NamedQuery("daily trend, 90 days", () -> aggregate(Filters.gte("day", from90), "$day")));
    }

    /** Counts per score (and per group), from which NPS, n and the margin follow; returns the number of rows. */
    private int aggregate(Bson match, String groupField) {
        Document id = new Document("score", "$score");
        if (groupField != null) {
            id.append("group", groupField);
        }
        List<Document> rows = responses.aggregate(List.of(Aggregates.match(match),
                Aggregates.group(id, Accumulators.sum("n", 1)))).into(new ArrayList<>());
        long n = rows.stream().mapToLong(row -> ((Number) row.get("n")).longValue()).sum();
        if (n == 0) {
            throw new IllegalStateException("The naive store answered nothing");
        }
        return rows.size();
    }

    record NamedQuery(String name, Supplier<Integer> run) {
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
