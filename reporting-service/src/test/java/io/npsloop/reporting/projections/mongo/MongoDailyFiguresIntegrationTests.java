package io.npsloop.reporting.projections.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import io.npsloop.reporting.projections.DailyFigure;
import io.npsloop.statistics.NpsTally;
import io.npsloop.reporting.RandomStreams;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily figures' batch writes against the wire-compatible store: per day the highest version
 * wins within a batch and across batches, also when a batch comes again with other boundaries.
 */
class MongoDailyFiguresIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo("overview_");

    static MongoDatabase freshDatabase() {
        return MONGO.freshDatabase();
    }

    static DailyFigure figure(LocalDate day, long promoters, long detractors, long version) {
        return new DailyFigure("overall", "all", day, new NpsTally(promoters, 0, detractors), version);
    }

    @Test
    void aLowerVersionFigureAfterAHigherOneInABatchIsIgnored() {
        MongoDailyFigures store = new MongoDailyFigures(freshDatabase());

        store.saveDailyFigures(List.of(figure(DAY, 7, 1, 5), figure(DAY, 3, 3, 4), figure(DAY.plusDays(1), 2, 0, 1)));

        assertThat(store.sum("overall", "all", DAY, DAY)).isEqualTo(new NpsTally(7, 0, 1));
        assertThat(store.sum("overall", "all", DAY, DAY.plusDays(1))).isEqualTo(new NpsTally(9, 0, 1));
    }

    @Test
    void aStoredFigureGivesWayOnlyToAHigherVersion() {
        MongoDailyFigures store = new MongoDailyFigures(freshDatabase());
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
        MongoDailyFigures store = new MongoDailyFigures(database);
        store.saveDailyFigures(figures.subList(0, 17));
        store.saveDailyFigures(figures.subList(17, 30));
        List<Document> expected = RandomStreams.documents(database, MongoDailyFigures.DAILY);

        store.saveDailyFigures(figures.subList(5, 12));
        store.saveDailyFigures(figures.subList(12, 30));

        assertThat(RandomStreams.documents(database, MongoDailyFigures.DAILY)).isEqualTo(expected);
        assertThat(store.sum("overall", "all", DAY, DAY.plusDays(2))).isEqualTo(new NpsTally(30 + 29 + 28, 0, 3));
    }

    @Test
    void scoreCountsAreSummedOverTheRangeAndUnknownIfAnyDayLacksThem() {
        MongoDailyFigures store = new MongoDailyFigures(freshDatabase());
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
}
