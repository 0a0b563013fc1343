package io.npsloop.bench.pipeline;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.Segmentation;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.scoring.nps.mongo.MongoScoringStore;
import io.npsloop.scoring.nps.mongo.MongoSegmentValues;

/**
 * Puts the daily tallies of N more responses into scoring-service's store through its own store
 * code ({@link MongoScoringStore#applyDeltas}, {@link MongoSegmentValues#admit}): the responses are
 * drawn like the benchmark's traffic (segments by {@link Segmentation}, days over the last 90),
 * added up per segment and day (categories and score counts), and applied as one guarded update
 * per bucket under a partition number no consumer uses. The NPS API reads only these tallies and
 * the admitted values; the per-response documents (scored responses, customers) are not written.
 */
final class TallySeeder implements AutoCloseable {

    /** A partition no topic has, so the offset guard of the seeded updates never meets a real record's. */
    private static final int SEED_PARTITION = 1_000;
    private static final int DAYS = 90;
    private static final int CAP = 200;

    private final MongoClient client;
    private final MongoScoringStore store;
    private final MongoSegmentValues values;
    private final Segmentation segmentation = new Segmentation(List.of("region", "product", "plan"));
    private final SplittableRandom random = new SplittableRandom(31);
    private long seedOffset;

    TallySeeder(String mongoUri, String database) {
        this.client = MongoClients.create(mongoUri);
        MongoDatabase db = client.getDatabase(database);
        this.store = new MongoScoringStore(db);
        this.values = new MongoSegmentValues(db);
    }

    void add(long responses) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<DayBucket, TallyDelta> deltas = new HashMap<>();
        for (long i = 0; i < responses; i++) {
            LocalDate day = today.minusDays(random.nextInt(DAYS));
            int score = random.nextInt(11);
            List<Segment> segments = segmentation.segmentsOf(
                    ResponseBodies.CHANNELS.get(random.nextInt(4)), null, ResponseBodies.SURVEY,
                    Map.of("region", ResponseBodies.REGIONS.get(random.nextInt(4)),
                            "product", ResponseBodies.PRODUCTS.get(random.nextInt(5)),
                            "plan", ResponseBodies.PLANS.get(random.nextInt(3))));
            for (Segment segment : segments) {
                deltas.merge(new DayBucket(segment, day), TallyDelta.NONE.plus(score, 1), TallyDelta::plus);
            }
        }
        deltas.keySet().stream().map(DayBucket::segment).distinct()
                .filter(segment -> !segment.equals(Segment.OVERALL))
                .forEach(segment -> values.admit(segment.dimension(), segment.value(), CAP));
        store.applyDeltas(deltas, SEED_PARTITION, ++seedOffset);
    }

    @Override
    public void close() {
        client.close();
    }
}
