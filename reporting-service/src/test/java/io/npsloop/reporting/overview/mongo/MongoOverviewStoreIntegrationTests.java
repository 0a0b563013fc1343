package io.npsloop.reporting.overview.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.infra.LocalMongoServer;
import io.npsloop.reporting.overview.CaseState;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.statistics.NpsTally;
import io.npsloop.reporting.RandomStreams;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's batch writes against the wire-compatible store: per day the highest version wins
 * within a batch and across batches, and case states end where applying the events one at a time
 * ends, whatever the batch boundaries, also when a batch comes again.
 */
class MongoOverviewStoreIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2026, 10, 1);
    static final AtomicInteger DATABASES = new AtomicInteger();

    static LocalMongoServer server;
    static MongoClient client;

    @BeforeAll
    static void start() {
        server = LocalMongoServer.inMemory(0);
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static MongoDatabase freshDatabase() {
        return client.getDatabase("overview_" + DATABASES.incrementAndGet());
    }

    static DailyFigure figure(LocalDate day, long promoters, long detractors, long version) {
        return new DailyFigure("overall", "all", day, new NpsTally(promoters, 0, detractors), version);
    }

    @Test
    void aLowerVersionFigureAfterAHigherOneInABatchIsIgnored() {
        MongoOverviewStore store = new MongoOverviewStore(freshDatabase());

        store.saveDailyFigures(List.of(figure(DAY, 7, 1, 5), figure(DAY, 3, 3, 4), figure(DAY.plusDays(1), 2, 0, 1)));

        assertThat(store.sum("overall", "all", DAY, DAY)).isEqualTo(new NpsTally(7, 0, 1));
        assertThat(store.sum("overall", "all", DAY, DAY.plusDays(1))).isEqualTo(new NpsTally(9, 0, 1));
    }

    @Test
    void aStoredFigureGivesWayOnlyToAHigherVersion() {
        MongoOverviewStore store = new MongoOverviewStore(freshDatabase());
        store.saveDailyFigures(List.of(figure(DAY, 7, 1, 5)));

        store.saveDailyFigures(List.of(figure(DAY, 1, 1, 5), figure(DAY, 2, 2, 3)));
        assertThat(store.sum("overall", "all", DAY, DAY)).isEqualTo(new NpsTally(7, 0, 1));

        store.saveDailyFigures(List.of(figure(DAY, 8, 1, 6), figure(DAY, 9, 1, 7)));
        assertThat(store.sum("overall", "all", DAY, DAY)).isEqualTo(new NpsTally(9, 0, 1));
    }

    @Test
    void aRedeliveredBatchOfFiguresWithOtherBoundariesChangesNothing() {
        List<DailyFigure> figures = new ArrayList<>();
        for (int version = 1; version <= 30; version++) {
            figures.add(figure(DAY.plusDays(version % 3), version, 1, version));
        }
        MongoDatabase database = freshDatabase();
        MongoOverviewStore store = new MongoOverviewStore(database);
        store.saveDailyFigures(figures.subList(0, 17));
        store.saveDailyFigures(figures.subList(17, 30));
        List<Document> expected = RandomStreams.documents(database, MongoOverviewStore.DAILY);

        store.saveDailyFigures(figures.subList(5, 12));
        store.saveDailyFigures(figures.subList(12, 30));

        assertThat(RandomStreams.documents(database, MongoOverviewStore.DAILY)).isEqualTo(expected);
        assertThat(store.sum("overall", "all", DAY, DAY.plusDays(2))).isEqualTo(new NpsTally(30 + 29 + 28, 0, 3));
    }

    @Test
    void scoreCountsAreSummedOverTheRangeAndUnknownIfAnyDayLacksThem() {
        MongoOverviewStore store = new MongoOverviewStore(freshDatabase());
        List<Long> first = List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 7L);
        List<Long> second = List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L, 0L);
        store.saveDailyFigures(List.of(new DailyFigure("overall", "all", DAY, new NpsTally(7, 0, 1), 5, first),
                new DailyFigure("overall", "all", DAY.plusDays(1), new NpsTally(2, 0, 0), 1, second),
                figure(DAY.plusDays(2), 1, 0, 1)));

        assertThat(store.total("overall", "all", DAY, DAY.plusDays(1)).scores())
                .containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L, 7L);
        assertThat(store.total("overall", "all", DAY, DAY.plusDays(2)).scores()).as("a day without counts").isNull();
        assertThat(store.total("overall", "all", DAY, DAY.plusDays(2)).tally()).isEqualTo(new NpsTally(10, 0, 1));
        assertThat(store.total("overall", "all", DAY.minusDays(9), DAY.minusDays(1)).scores()).as("no figures at all")
                .containsOnly(0L).hasSize(11);

        // A newer figure without counts (a producer that does not send them) leaves none kept, rather than stale ones.
        store.saveDailyFigures(List.of(figure(DAY, 8, 1, 6)));
        assertThat(store.total("overall", "all", DAY, DAY).scores()).isNull();
        store.saveDailyFigures(List.of(new DailyFigure("overall", "all", DAY, new NpsTally(7, 0, 1), 5, first)));
        assertThat(store.total("overall", "all", DAY, DAY).scores()).as("an older figure changes nothing").isNull();
    }

    @Test
    void caseStatesInAnyBatchBoundariesAndRedeliveriesEndWhereOneAtATimeEnds() {
        for (long seed = 1; seed <= 25; seed++) {
            Random rnd = new Random(seed);
            List<CaseState> stream = stream(rnd);
            MongoDatabase single = freshDatabase();
            MongoDatabase batched = freshDatabase();

            stream.forEach(event -> new MongoOverviewStore(single).applyCaseStates(List.of(event)));
            for (List<CaseState> batch : RandomStreams.batches(stream, rnd)) {
                new MongoOverviewStore(batched).applyCaseStates(batch);
            }
            List<Document> expected = RandomStreams.documents(single, MongoOverviewStore.CASES);
            assertThat(RandomStreams.documents(batched, MongoOverviewStore.CASES)).as("seed %d", seed).isEqualTo(expected);

            for (List<CaseState> batch : RandomStreams.batches(stream.subList(rnd.nextInt(stream.size()), stream.size()), rnd)) {
                new MongoOverviewStore(batched).applyCaseStates(batch);
            }
            assertThat(RandomStreams.documents(batched, MongoOverviewStore.CASES)).as("seed %d redelivered", seed).isEqualTo(expected);
        }
        MongoOverviewStore store = new MongoOverviewStore(freshDatabase());
        store.applyCaseStates(List.of(CaseState.opened("c1", "q"), new CaseState("c1", "q", 1, "CLAIMED"), CaseState.opened("c2", "q"),
                new CaseState("c2", "q", 2, "CLOSED"), new CaseState("c2", "q", 1, "CLAIMED"), new CaseState("advocacy", "q", 1, "CLAIMED")));
        assertThat(store.casesIn(List.of("CLAIMED"))).isEqualTo(1);
        assertThat(store.casesIn(List.of("CLOSED"))).isEqualTo(1);
    }

    /** Openings and changes of several cases, interleaved, with late, duplicated and never-opened ones. */
    static List<CaseState> stream(Random rnd) {
        String[] states = {"CLAIMED", "CONTACTED", "ESCALATED", "RESOLVED", "CLOSED", "REOPENED"};
        List<List<CaseState>> perCase = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String caseId = "case-" + c;
            List<CaseState> events = new ArrayList<>();
            if (c % 5 != 4) {
                events.add(CaseState.opened(caseId, "team-" + c));
            }
            int changes = rnd.nextInt(7);
            for (int s = 1; s <= changes; s++) {
                events.add(new CaseState(caseId, "team-" + rnd.nextInt(3), s, states[rnd.nextInt(states.length)]));
            }
            // Changes may swap, never with their opening: it comes first on the partition. (A change before
            // its opening would be dropped once and applied on a redelivery, by the one-at-a-time rule too.)
            for (int i = 2; i < events.size(); i++) {
                if (rnd.nextInt(6) == 0) {
                    CaseState late = events.get(i - 1);
                    events.set(i - 1, events.get(i));
                    events.set(i, late);
                }
            }
            int redelivered = rnd.nextInt(3);
            for (int i = 0; i < redelivered && !events.isEmpty(); i++) {
                int at = rnd.nextInt(events.size());
                events.add(at + rnd.nextInt(events.size() - at) + 1, events.get(at));
            }
            perCase.add(events);
        }
        return RandomStreams.interleave(perCase, rnd);
    }

}
