package io.npsloop.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.reporting.InMemoryProjections;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.Outcome;
import io.npsloop.reporting.reports.ChurnReport.ChurnRow;
import io.npsloop.reporting.reports.ChurnReport.RevenueShare;
import io.npsloop.reporting.reports.ChurnReport.ThemeChurn;
import io.npsloop.reporting.reports.RevenueAtRiskReport.ChurnRate;
import io.npsloop.statistics.Proportions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Churn of a small population whose every figure is worked out by hand: October 2026, with the
 * answers of July to September placing the customers.
 */
class ChurnReportTests {

    static final DayRange OCTOBER = new DayRange(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T12:00:00Z"), ZoneOffset.UTC);

    final InMemoryProjections model = new InMemoryProjections();
    final Facts facts = model.facts(CLOCK, ZoneOffset.UTC);

    ReportSettings settings(long minimumOutcomes) {
        return new ReportSettings(List.of("region"), new ThemeLexicon(Map.of("price", List.of("price"), "support", List.of("support"))),
                "control", ReportRules.DEFAULTS, new ChurnRules(Period.ofMonths(3), 3, minimumOutcomes));
    }

    ChurnReport.Churn churn() {
        return new ChurnReport(facts, settings(3)).compute(new ChurnReport.Query(OCTOBER, ChurnReport.View.CATEGORY));
    }

    @BeforeEach
    void population() {
        // Five detractors in August, three of them about price; d1 and d2 cancel, d4 downgrades.
        for (int i = 1; i <= 5; i++) {
            answer("d" + i, "2026-08-10", 3, i <= 3 ? "the price is too high" : "slow");
        }
        outcome("d1", "2026-10-05", OutcomeKind.CANCELLED, "100.00");
        outcome("d2", "2026-10-05", OutcomeKind.CANCELLED, "100.00");
        outcome("d4", "2026-10-06", OutcomeKind.DOWNGRADED, "20.00");
        // Four promoters in September, two praising support; p1 renews.
        for (int i = 1; i <= 4; i++) {
            answer("p" + i, "2026-09-10", 10, i <= 2 ? "great support" : "ok");
        }
        outcome("p1", "2026-10-07", OutcomeKind.RENEWED, "50.00");
        // A detractor in August who answered 9 in September: their last answer counts.
        answer("x1", "2026-08-01", 2, "meh");
        answer("x1", "2026-09-20", 9, "fine");
        // Answered only before the window, then cancelled; and a renewal of a customer who never answered.
        answer("n1", "2026-06-15", 8, "price");
        outcome("n1", "2026-10-10", OutcomeKind.CANCELLED, "30.00");
        outcome("n2", "2026-10-11", OutcomeKind.RENEWED, null);
        // Gone before the period: not in its population.
        answer("g1", "2026-08-05", 1, "price");
        outcome("g1", "2026-09-20", OutcomeKind.CANCELLED, "70.00");
    }

    @Test
    void theDenominatorIsWhoAnsweredInTheWindowBeforeThePeriodInTheCategoryOfTheirLastAnswer() {
        ChurnReport.Churn churn = churn();

        assertThat(churn.answersFrom()).isEqualTo(LocalDate.parse("2026-07-01"));
        assertThat(churn.answersTo()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(churn.byCategory()).extracting(ChurnRow::group, ChurnRow::customers, ChurnRow::withOutcome, ChurnRow::cancelled,
                ChurnRow::downgraded, ChurnRow::insufficient).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PROMOTER", 5L, 1L, 0L, 0L, false),
                        org.assertj.core.groups.Tuple.tuple("PASSIVE", 0L, 0L, 0L, 0L, true),
                        org.assertj.core.groups.Tuple.tuple("DETRACTOR", 5L, 3L, 2L, 1L, false),
                        org.assertj.core.groups.Tuple.tuple(ChurnReport.NO_ANSWER, 2L, 2L, 1L, 0L, true));
        assertThat(churn.byCategory().get(1).cancelledRate()).as("an empty group has no rate").isNull();
        assertThat(churn.byScore()).filteredOn(r -> r.customers() > 0).extracting(ChurnRow::group, ChurnRow::customers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("3", 5L), org.assertj.core.groups.Tuple.tuple("9", 1L),
                        org.assertj.core.groups.Tuple.tuple("10", 4L));
        assertThat(churn.denominator()).contains("2026-07-01").contains("not comparable");
    }

    @Test
    void ratesCarryTheWilsonIntervalOfTheirCounts() {
        ChurnRow detractors = churn().byCategory().get(2);

        // 2 of 5: p = 0.4, the Wilson 95% interval is 0.1176 to 0.7693.
        assertThat(detractors.cancelledRate()).isEqualTo(0.4);
        assertThat(detractors.cancelledLower()).isCloseTo(wilsonLower(2, 5), within(1e-12)).isCloseTo(0.1176, within(1e-4));
        assertThat(detractors.cancelledUpper()).isCloseTo(wilsonUpper(2, 5), within(1e-12)).isCloseTo(0.7693, within(1e-4));
        // 1 of 5 downgraded: 0.0362 to 0.6245.
        assertThat(detractors.downgradedLower()).isCloseTo(0.0362, within(1e-4));
        assertThat(detractors.downgradedUpper()).isCloseTo(0.6245, within(1e-4));
        ChurnRow promoters = churn().byCategory().get(0);
        assertThat(promoters.cancelledLower()).isZero();
        assertThat(promoters.cancelledUpper()).isCloseTo(wilsonUpper(0, 5), within(1e-12));
    }

    @Test
    void themesAreRankedByHowMuchTheyRaiseChurnWithFishersExactPAdjustedOverThemes() {
        List<ThemeChurn> themes = churn().byTheme();

        assertThat(themes).extracting(ThemeChurn::theme).containsExactly("price", "support");
        ThemeChurn price = themes.get(0);
        assertThat(price.customersWith()).isEqualTo(3);
        assertThat(price.cancelledWith()).isEqualTo(2);
        assertThat(price.customersWithout()).isEqualTo(7);
        assertThat(price.cancelledWithout()).isZero();
        assertThat(price.difference()).isCloseTo(2.0 / 3, within(1e-12));
        // Ten customers, two cancellations, three mention price: P(both among the three) = C(3,2)C(7,0)/C(10,2) = 3/45,
        // and no table is less likely, so the two-sided p-value is 3/45.
        assertThat(price.pValue()).isCloseTo(fisherTwoSided(2, 3, 0, 7), within(1e-12)).isCloseTo(3.0 / 45, within(1e-12));
        ThemeChurn support = themes.get(1);
        assertThat(support.difference()).isCloseTo(0 - 2.0 / 8, within(1e-12));
        assertThat(support.pValue()).isCloseTo(1.0, within(1e-12));
        // Benjamini-Hochberg over two: the smaller p times 2 / 1, capped by the larger's 1.
        assertThat(price.adjustedPValue()).isCloseTo(2 * 3.0 / 45, within(1e-12));
        assertThat(support.adjustedPValue()).isCloseTo(1.0, within(1e-12));
        Proportions.Difference newcombe = Proportions.newcombe(2, 3, 0, 7);
        assertThat(price.differenceLower()).isEqualTo(newcombe.lower()).isLessThan(price.difference());
        assertThat(price.differenceUpper()).isEqualTo(newcombe.upper()).isGreaterThan(price.difference());
        assertThat(price.insufficient()).isFalse();
        assertThat(price.significant()).as("adjusted p 0.13").isFalse();
        assertThat(support.insufficient()).as("two customers mention support").isTrue();
    }

    @Test
    void churnedRevenueIsSharedOutByCategoryPerCurrency() {
        List<RevenueShare> revenue = churn().revenueByCategory();

        assertThat(revenue).extracting(RevenueShare::category).containsExactly("DETRACTOR", ChurnReport.NO_ANSWER);
        assertThat(revenue.get(0).cancelled()).isEqualByComparingTo("200.00");
        assertThat(revenue.get(0).cancelledShare()).isCloseTo(200.0 / 230, within(1e-12));
        assertThat(revenue.get(0).downgraded()).isEqualByComparingTo("20.00");
        assertThat(revenue.get(0).downgradedShare()).isEqualTo(1.0);
        assertThat(revenue.get(1).cancelled()).isEqualByComparingTo("30.00");
        assertThat(revenue.get(1).cancelledShare()).isCloseTo(30.0 / 230, within(1e-12));
    }

    @Test
    void revenueAtRiskUsesTheObservedRateOfACategoryWithEnoughOutcomesAndSaysSo() {
        answer("z1", "2026-10-20", 2, "bad", new Money(new BigDecimal("100.00"), "EUR"));

        RevenueAtRiskReport.RevenueAtRisk observed = new RevenueAtRiskReport(facts, settings(3), new ChurnReport(facts, settings(3)))
                .compute(OCTOBER);
        assertThat(observed.churnRates()).extracting(ChurnRate::category, ChurnRate::source, ChurnRate::rate).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PROMOTER", "assumed", 0.0),
                org.assertj.core.groups.Tuple.tuple("PASSIVE", "assumed", 0.0),
                org.assertj.core.groups.Tuple.tuple("DETRACTOR", "observed", 0.4));
        assertThat(observed.total()).singleElement().satisfies(row -> {
            assertThat(row.amount()).isEqualByComparingTo("100.00");
            assertThat(row.expectedLoss()).isEqualByComparingTo("40.00");
        });

        RevenueAtRiskReport.RevenueAtRisk assumed = new RevenueAtRiskReport(facts, settings(4), new ChurnReport(facts, settings(4)))
                .compute(OCTOBER);
        assertThat(assumed.churnRates()).extracting(ChurnRate::source).containsOnly("assumed");
        assertThat(assumed.total().get(0).expectedLoss()).as("assumed: a detractor's whole value").isEqualByComparingTo("100.00");
    }

    /** Wilson's score interval in its closed form (Wilson 1927). */
    static double wilsonLower(long x, long n) {
        return wilson(x, n, -1);
    }

    static double wilsonUpper(long x, long n) {
        return wilson(x, n, 1);
    }

    static double wilson(long x, long n, int sign) {
        double z = 1.959963984540054;
        double p = (double) x / n;
        double bound = (p + z * z / (2 * n) + sign * z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) / (1 + z * z / n);
        return Math.max(0, Math.min(1, bound));
    }

    /** Fisher's exact test by enumerating every table with the same margins: the tables no likelier than the observed one. */
    static double fisherTwoSided(int x1, int n1, int x2, int n2) {
        int successes = x1 + x2;
        double observed = hypergeometric(x1, n1, n2, successes);
        double p = 0;
        for (int k = Math.max(0, successes - n2); k <= Math.min(n1, successes); k++) {
            double probability = hypergeometric(k, n1, n2, successes);
            if (probability <= observed * (1 + 1e-7)) {
                p += probability;
            }
        }
        return Math.min(1.0, p);
    }

    static double hypergeometric(int k, int n1, int n2, int successes) {
        return choose(n1, k) * choose(n2, successes - k) / choose(n1 + n2, successes);
    }

    static double choose(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    private void answer(String customer, String day, int score, String comment) {
        answer(customer, day, score, comment, null);
    }

    private void answer(String customer, String day, int score, String comment, @Nullable Money value) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        String id = "r-" + model.answers.size();
        model.answers.add(new Answer("survey|" + id, id, customer, null, Instant.parse(day + "T09:00:00Z"), score, category, comment,
                Map.of("region", "north"), value));
    }

    private void outcome(String customer, String day, OutcomeKind kind, @Nullable String value) {
        model.outcomes.add(new Outcome("billing|o-" + model.outcomes.size(), customer, null, Instant.parse(day + "T10:00:00Z"), kind,
                value == null ? null : new Money(new BigDecimal(value), "EUR"), null));
    }

    /** The model published for alerting is the report's figures, each theme with its keywords and the Wilson interval of who mentioned it. */
    @Test
    void theChurnModelCarriesTheReportsRatesAndEachThemesKeywordsAndInterval() {
        Facts endOfOctober = model.facts(Clock.fixed(Instant.parse("2026-10-31T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        ChurnReport report = new ChurnReport(endOfOctober, settings(3));
        ChurnRiskModel churnModel = new ChurnRiskModel(report, endOfOctober, settings(3).themes(), Period.ofMonths(1));
        ChurnReport.Churn october = report.compute(new ChurnReport.Query(OCTOBER, ChurnReport.View.CATEGORY));

        io.npsloop.contracts.ChurnRiskUpdated published = churnModel.current().orElseThrow();

        assertThat(published.from()).isEqualTo(OCTOBER.from());
        assertThat(published.to()).isEqualTo(OCTOBER.to());
        assertThat(published.windowMonths()).isEqualTo(3);
        ChurnRow detractors = october.byCategory().get(2);
        io.npsloop.contracts.ChurnRiskUpdated.ChurnRate rate = published.byCategory().get(Category.DETRACTOR);
        assertThat(rate.customers()).isEqualTo(detractors.customers());
        assertThat(rate.churned()).isEqualTo(detractors.cancelled());
        assertThat(rate.lower()).isEqualTo(detractors.cancelledLower());
        assertThat(rate.upper()).isEqualTo(detractors.cancelledUpper());
        assertThat(published.byCategory()).as("\"no answer\" is no category").hasSize(3);

        ThemeChurn price = october.byTheme().stream().filter(t -> t.theme().equals("price")).findFirst().orElseThrow();
        io.npsloop.contracts.ChurnRiskUpdated.ThemeChurn publishedPrice = published.themes().stream()
                .filter(t -> t.theme().equals("price")).findFirst().orElseThrow();
        assertThat(publishedPrice.keywords()).containsExactly("price");
        Proportions.Interval wilson = Proportions.wilson(price.cancelledWith(), price.customersWith());
        assertThat(publishedPrice.mentioned().churned()).isEqualTo(price.cancelledWith());
        assertThat(publishedPrice.mentioned().lower()).isEqualTo(wilson.lower());
        assertThat(publishedPrice.mentioned().upper()).isEqualTo(wilson.upper());
        assertThat(publishedPrice.mentioned().insufficient()).isEqualTo(price.customersWith() < 3);
        assertThat(publishedPrice.lift()).isEqualTo(price.difference());
        assertThat(publishedPrice.adjustedPValue()).isEqualTo(price.adjustedPValue());

        assertThat(churnModel.current().orElseThrow().eventId()).as("the same figures are the same event").isEqualTo(published.eventId());
    }

    @Test
    void noChurnModelIsToldBeforeAnyOutcomeWasRecordedAndTheWindowIsInWholeMonths() {
        InMemoryProjections empty = new InMemoryProjections();
        Facts noOutcomes = empty.facts(CLOCK, ZoneOffset.UTC);
        assertThat(new ChurnRiskModel(new ChurnReport(noOutcomes, settings(3)), noOutcomes, settings(3).themes(), Period.ofMonths(3))
                .current()).isEmpty();

        assertThat(ChurnRiskModel.months(Period.ofMonths(3))).isEqualTo(3);
        assertThat(ChurnRiskModel.months(Period.ofDays(90))).isEqualTo(3);
        assertThat(ChurnRiskModel.months(Period.ofDays(1))).isEqualTo(1);
        assertThat(ChurnRiskModel.months(Period.of(1, 0, 10))).isEqualTo(13);
    }
}
