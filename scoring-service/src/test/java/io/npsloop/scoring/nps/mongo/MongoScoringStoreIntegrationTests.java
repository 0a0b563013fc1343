package io.npsloop.scoring.nps.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.Category;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.scoring.nps.CustomerAnswer;
import io.npsloop.scoring.nps.CustomerHistory;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.statistics.DayRange;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.ScoreCounts;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.TallyChange;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.scoring.nps.VersionedTally;
import io.npsloop.statistics.NpsTally;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's guarantees against the wire-compatible MongoDB, spoken to by the real driver. */
class MongoScoringStoreIntegrationTests {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Segment EMEA = new Segment("region", "EMEA");

    private static MongoClient client;
    private MongoDatabase database;
    private MongoScoringStore store;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.shared().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("scoring_store_tests");
        database.drop();
        store = new MongoScoringStore(database);
    }

    @Test
    void deltaOfAnOffsetAlreadyAppliedFromThatPartitionIsSkipped() {
        DayBucket bucket = new DayBucket(EMEA, DAY);
        store.applyDeltas(Map.of(bucket, new TallyDelta(1, 0, 0)), 0, 10);
        store.applyDeltas(Map.of(bucket, new TallyDelta(1, 0, 0)), 0, 10);
        store.applyDeltas(Map.of(bucket, new TallyDelta(1, 0, 0)), 0, 9);
        store.applyDeltas(Map.of(bucket, new TallyDelta(0, 0, 1)), 3, 2);

        assertThat(store.tallies(List.of(bucket))).containsEntry(bucket, new VersionedTally(new NpsTally(1, 0, 1), 2));
    }

    /**
     * Two consumers (two partitions) making the first write to one month: on a real MongoDB the
     * loser's upsert matches nothing (no month yet), then meets the winner's month on insert and
     * fails with a duplicate key, having applied nothing. The wire-compatible store serialises
     * writes, so the race is staged: the collection lets the other writer create the month, then
     * answers this record's write the way MongoDB answers the loser.
     */
    @Test
    void anUpsertThatLostTheRaceToCreateItsMonthIsAppliedNotTakenForAlreadyApplied() {
        DayBucket mine = new DayBucket(EMEA, DAY);
        DayBucket theirs = new DayBucket(EMEA, DAY.plusDays(1));
        MongoScoringStore otherWriter = new MongoScoringStore(database);
        AtomicBoolean raced = new AtomicBoolean();
        MongoScoringStore racing = new MongoScoringStore(withTallies(database, tallies -> (proxy, method, args) -> {
            if (method.getName().equals("bulkWrite") && raced.compareAndSet(false, true)) {
                otherWriter.applyDeltas(Map.of(theirs, new TallyDelta(0, 0, 1)), 1, 40);
                throw new MongoBulkWriteException(BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()),
                        List.of(new BulkWriteError(11000, "E11000 duplicate key error collection: monthly_tallies", new BsonDocument(), 0)),
                        null, new ServerAddress(), Set.of());
            }
            return invoke(tallies, method, args);
        }));

        Map<DayBucket, VersionedTally> expected = Map.of(
                mine, new VersionedTally(new NpsTally(1, 0, 0), 1),
                theirs, new VersionedTally(new NpsTally(0, 0, 1), 1));

        racing.applyDeltas(Map.of(mine, new TallyDelta(1, 0, 0)), 0, 5);
        assertThat(raced).isTrue();
        assertThat(store.tallies(List.of(mine, theirs))).containsExactlyInAnyOrderEntriesOf(expected);

        racing.applyDeltas(Map.of(mine, new TallyDelta(1, 0, 0)), 0, 5);
        assertThat(store.tallies(List.of(mine, theirs))).as("redelivered, still once").containsExactlyInAnyOrderEntriesOf(expected);
    }

    /**
     * A batch whose read went stale before its write (another instance, taking over the partition in a
     * rebalance, applied the same record in between): the guard on the offset read fails, the month is
     * read again, and the change, now held by the bucket, is not applied a second time; the batch's
     * other change is.
     */
    @Test
    void aChangeAppliedByAnotherWriterBetweenTheReadAndTheWriteIsNotAppliedTwice() {
        DayBucket contested = new DayBucket(EMEA, DAY);
        DayBucket mineOnly = new DayBucket(EMEA, DAY.plusDays(3));
        store.applyDeltas(Map.of(contested, new TallyDelta(0, 1, 0)), 0, 3);
        MongoScoringStore otherWriter = new MongoScoringStore(database);
        AtomicBoolean raced = new AtomicBoolean();
        MongoScoringStore stale = new MongoScoringStore(withTallies(database, tallies -> (proxy, method, args) -> {
            if (method.getName().equals("bulkWrite") && raced.compareAndSet(false, true)) {
                otherWriter.applyDeltas(Map.of(contested, new TallyDelta(1, 0, 0)), 0, 8);
            }
            return invoke(tallies, method, args);
        }));

        stale.applyTallies(List.of(new TallyChange(contested, 0, 8, new TallyDelta(1, 0, 0)),
                new TallyChange(mineOnly, 0, 9, new TallyDelta(0, 0, 1))));

        assertThat(raced).isTrue();
        assertThat(store.tallies(List.of(contested, mineOnly))).containsExactlyInAnyOrderEntriesOf(Map.of(
                contested, new VersionedTally(new NpsTally(1, 1, 0), 2),
                mineOnly, new VersionedTally(new NpsTally(0, 0, 1), 1)));
    }

    /** One batch of many records: one write per bucket, holding each record's change once, whatever the order of partitions. */
    @Test
    void aBatchOfChangesIsCoalescedIntoOneWritePerBucket() {
        DayBucket bucket = new DayBucket(EMEA, DAY);
        store.applyTallies(List.of(new TallyChange(bucket, 0, 1, new TallyDelta(1, 0, 0)), new TallyChange(bucket, 1, 1, new TallyDelta(0, 0, 1)),
                new TallyChange(bucket, 0, 2, new TallyDelta(1, 0, 0)), new TallyChange(bucket, 1, 5, new TallyDelta(0, 1, 0))));
        store.applyTallies(List.of(new TallyChange(bucket, 0, 2, new TallyDelta(1, 0, 0)), new TallyChange(bucket, 0, 3, new TallyDelta(1, 0, 0)),
                new TallyChange(bucket, 1, 5, new TallyDelta(0, 1, 0))));

        assertThat(store.tallies(List.of(bucket))).containsEntry(bucket, new VersionedTally(new NpsTally(3, 1, 1), 2));
    }

    @Test
    void scoreCountsChangeInTheSameGuardedWriteAsTheCategories() {
        DayBucket bucket = new DayBucket(EMEA, DAY);
        TallyDelta nine = TallyDelta.NONE.plus(9, 1);
        TallyDelta three = TallyDelta.NONE.plus(3, 1);
        TallyDelta threeToTen = TallyDelta.NONE.plus(3, -1).plus(10, 1);

        store.applyTallies(List.of(new TallyChange(bucket, 0, 1, nine), new TallyChange(bucket, 0, 2, three)));
        // Redelivered with other boundaries: only offset 3 is new.
        store.applyTallies(List.of(new TallyChange(bucket, 0, 2, three), new TallyChange(bucket, 0, 3, threeToTen)));
        store.applyDeltas(Map.of(bucket, threeToTen), 0, 3);

        VersionedTally tally = store.tallies(List.of(bucket)).get(bucket);
        assertThat(tally).isEqualTo(new VersionedTally(new NpsTally(2, 0, 0), 2, ScoreCounts.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1)));
        assertThat(tally.scores().ifComplete(tally.tally().n())).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L);
        assertThat(store.daily(EMEA, DayRange.of(DAY, DAY))).containsExactly(Map.entry(DAY, tally));
    }

    @Test
    void dayWrittenBeforeScoreCountsWereKeptReadsAsZeroCountsThatAreNotComplete() {
        DayBucket bucket = new DayBucket(EMEA, DAY);
        // A month document as earlier versions wrote it: categories, version and offsets, no s0..s10.
        database.getCollection(MongoScoringStore.TALLIES).insertOne(new Document("_id", ScoringDocuments.monthId(EMEA,
                java.time.YearMonth.from(DAY))).append("dimension", "region").append("segment", "EMEA").append("month", "2026-03")
                .append("days", new Document("d02", new Document("promoters", 0L).append("passives", 0L).append("detractors", 2L)
                        .append("version", 1L).append("applied", new Document("p0", 4L)))));

        store.applyDeltas(Map.of(bucket, TallyDelta.NONE.plus(3, -1).plus(8, 1)), 0, 5);

        VersionedTally tally = store.tallies(List.of(bucket)).get(bucket);
        assertThat(tally.tally()).isEqualTo(new NpsTally(0, 1, 1));
        assertThat(tally.scores()).isEqualTo(ScoreCounts.NONE.plus(3, -1).plus(8, 1));
        assertThat(tally.scores().ifComplete(tally.tally().n())).isNull();
    }

    /** The database, with its tallies collection behind the handler the function makes from the real one. */
    @SuppressWarnings("unchecked")
    private static MongoDatabase withTallies(MongoDatabase database, Function<MongoCollection<Document>, InvocationHandler> handler) {
        MongoCollection<Document> real = database.getCollection(MongoScoringStore.TALLIES);
        MongoCollection<Document> staged = (MongoCollection<Document>) Proxy.newProxyInstance(
                MongoCollection.class.getClassLoader(), new Class<?>[] {MongoCollection.class}, handler.apply(real));
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class},
                (proxy, method, args) -> method.getName().equals("getCollection") && args.length == 1
                        && MongoScoringStore.TALLIES.equals(args[0]) ? staged : invoke(database, method, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void recordThatDiedHalfWayAppliesOnlyItsMissingBucketsWhenRedelivered() {
        DayBucket applied = new DayBucket(EMEA, DAY);
        DayBucket sameMonth = new DayBucket(EMEA, DAY.plusDays(1));
        DayBucket nextMonth = new DayBucket(EMEA, DAY.plusMonths(1));
        DayBucket overall = new DayBucket(Segment.OVERALL, DAY);
        store.applyDeltas(Map.of(applied, new TallyDelta(1, 0, 0)), 2, 7);

        store.applyDeltas(Map.of(applied, new TallyDelta(1, 0, 0), sameMonth, new TallyDelta(0, 1, 0),
                nextMonth, new TallyDelta(0, 0, 1), overall, new TallyDelta(1, 0, 0)), 2, 7);
        store.applyDeltas(Map.of(applied, new TallyDelta(1, 0, 0), sameMonth, new TallyDelta(0, 1, 0),
                nextMonth, new TallyDelta(0, 0, 1), overall, new TallyDelta(1, 0, 0)), 2, 7);

        assertThat(store.tallies(List.of(applied, sameMonth, nextMonth, overall, new DayBucket(EMEA, DAY.plusDays(2)))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        applied, new VersionedTally(new NpsTally(1, 0, 0), 1),
                        sameMonth, new VersionedTally(new NpsTally(0, 1, 0), 1),
                        nextMonth, new VersionedTally(new NpsTally(0, 0, 1), 1),
                        overall, new VersionedTally(new NpsTally(1, 0, 0), 1),
                        new DayBucket(EMEA, DAY.plusDays(2)), VersionedTally.EMPTY));
    }

    @Test
    void dailyReadsOneSegmentsRangeOfDaysInOrder() {
        for (int day = 0; day < 40; day++) {
            store.applyDeltas(Map.of(new DayBucket(EMEA, DAY.plusDays(day)), new TallyDelta(0, 1, 0),
                    new DayBucket(new Segment("region", "EMEA2"), DAY.plusDays(day)), new TallyDelta(1, 0, 0)), 0, day);
        }

        var daily = store.daily(EMEA, DayRange.of(DAY.plusDays(28), DAY.plusDays(31)));

        assertThat(daily.keySet()).as("across a month boundary")
                .containsExactly(DAY.plusDays(28), DAY.plusDays(29), DAY.plusDays(30), DAY.plusDays(31));
        assertThat(VersionedTally.sum(daily.values()).tally()).isEqualTo(new NpsTally(0, 4, 0));
    }

    @Test
    void scoredResponseSurvivesTheRoundTrip() {
        ScoredResponse response = new ScoredResponse("web|r-1", "c-1", 2, 9, Category.PROMOTER, DAY, List.of(Segment.OVERALL, EMEA),
                List.of(new DayBucket(EMEA, DAY.minusDays(1))), 3, Category.DETRACTOR, "r-0", "2:41");

        store.saveResponses(List.of(response));

        assertThat(store.findResponses(List.of("web|r-1", "web|r-2"))).containsExactly(Map.entry("web|r-1", response));
    }

    @Test
    void customerHistoryKeepsOneAnswerPerResponseAndRevisionsReplaceIt() {
        Instant at = Instant.parse("2026-03-02T10:15:30Z");
        store.recordCustomerAnswers(List.of(new CustomerAnswer("c-1", "web|r.1", "r.1", 2, Category.DETRACTOR, at)));
        store.recordCustomerAnswers(List.of(new CustomerAnswer("c-1", "web|r.1", "r.1", 9, Category.PROMOTER, at),
                new CustomerAnswer("c-1", "web|r-2", "r-2", 7, Category.PASSIVE, at.plusSeconds(60))));

        CustomerHistory history = store.findCustomerHistories(List.of("c-1", "c-2")).get("c-1");

        assertThat(history.answers()).containsExactlyInAnyOrder(
                new CustomerAnswer("c-1", "web|r.1", "r.1", 9, Category.PROMOTER, at),
                new CustomerAnswer("c-1", "web|r-2", "r-2", 7, Category.PASSIVE, at.plusSeconds(60)));
        assertThat(store.findCustomerHistories(List.of("c-2"))).isEmpty();
    }

    @Test
    void capAdmitsValuesUntilFullAndKeepsThemAdmitted() {
        MongoSegmentValues values = new MongoSegmentValues(database);

        assertThat(values.admit("region", "EMEA", 2)).isTrue();
        assertThat(values.admit("region", "APAC", 2)).isTrue();
        assertThat(values.admit("region", "LATAM", 2)).isFalse();

        MongoSegmentValues afterRestart = new MongoSegmentValues(database);
        assertThat(afterRestart.admit("region", "EMEA", 2)).isTrue();
        assertThat(afterRestart.admit("region", "LATAM", 2)).isFalse();
        assertThat(afterRestart.admitted("region")).containsExactlyInAnyOrder("EMEA", "APAC");
    }

    @Test
    void consumersRacingForTheLastPlacesNeverAdmitMoreThanTheCap() throws Exception {
        int cap = 5;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> admitted = new ConcurrentLinkedQueue<>();
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int consumer = 0; consumer < 4; consumer++) {
            MongoSegmentValues values = new MongoSegmentValues(database);
            int first = consumer;
            work.add(pool.submit(() -> {
                start.await();
                for (int value = first; value < 40; value += 4) {
                    if (values.admit("plan", "p" + value, cap)) {
                        admitted.add("p" + value);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : work) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(admitted).hasSize(cap);
        assertThat(new MongoSegmentValues(database).admitted("plan")).containsExactlyInAnyOrderElementsOf(admitted);
    }
}
