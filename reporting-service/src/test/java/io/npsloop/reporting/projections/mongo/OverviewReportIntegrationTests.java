package io.npsloop.reporting.projections.mongo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.npsloop.reporting.projections.DailyFigure;
import io.npsloop.reporting.InMemoryProjections;
import io.npsloop.reporting.reports.OverviewReport;
import io.npsloop.reporting.reports.OverviewReport.Overview;
import io.npsloop.reporting.reports.ReportRules;
import io.npsloop.reporting.reports.ReportSettings;
import io.npsloop.reporting.reports.ScoreDistributions;
import io.npsloop.reporting.reports.ThemeLexicon;
import io.npsloop.statistics.NpsTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview's 0-10 distributions from the daily figures' score counts, against the wire-compatible
 * store: equal to a count of the answers made here, a revision's move from one score to another
 * counted once however often its figures arrive, and the answers read only for a window with a day
 * whose figure carried no counts.
 */
class OverviewReportIntegrationTests {

    static final LocalDate TODAY = LocalDate.of(2026, 10, 31);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo("overview_query_");

    /** A fallback that must not be needed: any call is recorded. */
    final List<LocalDate> fallbackCalls = new ArrayList<>();
    final ScoreDistributions noScan = (from, to) -> {
        fallbackCalls.add(from);
        return List.of(-1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L);
    };

    static MongoDailyFigures freshStore() {
        return new MongoDailyFigures(MONGO.freshDatabase());
    }

    static Overview overview(MongoDailyFigures store, ScoreDistributions fallback) {
        ReportSettings settings = new ReportSettings(List.of(), new ThemeLexicon(Map.of()), "control", ReportRules.DEFAULTS);
        return new OverviewReport(new InMemoryProjections().facts(store, CLOCK, ZoneOffset.UTC), fallback, settings).compute(TODAY);
    }

    static DailyFigure figure(LocalDate day, long[] scores, long version) {
        long promoters = scores[9] + scores[10];
        long passives = scores[7] + scores[8];
        long detractors = 0;
        for (int score = 0; score <= 6; score++) {
            detractors += scores[score];
        }
        List<Long> counts = new ArrayList<>();
        for (long count : scores) {
            counts.add(count);
        }
        return new DailyFigure("overall", "all", day, new NpsTally(promoters, passives, detractors), version, counts);
    }

    @Test
    void distributionOfEveryWindowIsTheCountOfItsAnswersPerScore() {
        Random rnd = new Random(20261031L);
        List<int[]> answers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            answers.add(new int[] {rnd.nextInt(120), rnd.nextInt(11)});
        }
        long[][] perDay = new long[120][11];
        answers.forEach(answer -> perDay[answer[0]][answer[1]]++);
        List<DailyFigure> figures = new ArrayList<>();
        for (int ago = 0; ago < 120; ago++) {
            if (ago % 11 != 5) {
                // Some days have no answers and no figure at all.
                figures.add(figure(TODAY.minusDays(ago), perDay[ago], 1 + ago));
            }
        }
        Collections.shuffle(figures, rnd);
        MongoDailyFigures store = freshStore();
        store.saveDailyFigures(figures.subList(0, 50));
        store.saveDailyFigures(figures.subList(50, figures.size()));

        Overview overview = overview(store, noScan);

        for (OverviewReport.WindowFigure window : overview.nps()) {
            int days = Integer.parseInt(window.window().replace("d", ""));
            List<Long> expected = new ArrayList<>(Collections.nCopies(11, 0L));
            long n = 0;
            for (int[] answer : answers) {
                if (answer[0] < days && answer[0] % 11 != 5) {
                    expected.set(answer[1], expected.get(answer[1]) + 1);
                    n++;
                }
            }
            assertThat(window.distribution()).as(window.window()).isEqualTo(expected);
            assertThat(window.n()).as(window.window()).isEqualTo(n);
        }
        assertThat(fallbackCalls).isEmpty();
    }

    @Test
    void aRevisionMovesOneCountFromItsOldScoreToItsNewOnceHoweverOftenItsFiguresArrive() {
        LocalDate day = TODAY.minusDays(3);
        DailyFigure before = figure(day, new long[] {0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 4}, 3);
        // The answer at 3 is revised to 9: the day's next figure.
        DailyFigure after = figure(day, new long[] {0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 4}, 4);
        MongoDailyFigures store = freshStore();

        store.saveDailyFigures(List.of(before));
        store.saveDailyFigures(List.of(after, before));
        store.saveDailyFigures(List.of(before));
        store.saveDailyFigures(List.of(after));

        Overview overview = overview(store, noScan);
        assertThat(overview.nps()).allSatisfy(window -> {
            assertThat(window.distribution()).containsExactly(0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 1L, 1L, 4L);
            assertThat(window.n()).isEqualTo(7);
        });
        assertThat(fallbackCalls).isEmpty();
    }

    @Test
    void onlyAWindowWithADayWhoseFigureCarriedNoCountsReadsTheAnswers() {
        MongoDailyFigures store = freshStore();
        store.saveDailyFigures(List.of(figure(TODAY, new long[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 1),
                new DailyFigure("overall", "all", TODAY.minusDays(40), new NpsTally(3, 0, 0), 7)));
        ScoreDistributions fromAnswers = (from, to) -> {
            fallbackCalls.add(from);
            return List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 2L);
        };

        Overview overview = overview(store, fromAnswers);

        assertThat(overview.nps()).extracting(OverviewReport.WindowFigure::distribution).containsExactly(
                List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L),
                List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 2L),
                List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 2L));
        assertThat(fallbackCalls).containsExactly(TODAY.minusDays(89));

        // A newer figure of that day with its counts: every window from the figures again.
        fallbackCalls.clear();
        store.saveDailyFigures(List.of(figure(TODAY.minusDays(40), new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0}, 8)));
        assertThat(overview(store, noScan).nps().get(2).distribution())
                .containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 2L);
        assertThat(fallbackCalls).isEmpty();
    }
}
