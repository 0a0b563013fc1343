package io.npsloop.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.Outcome;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.Proportions;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * Churn by what customers said before it. The population of a period (its denominator) is fixed at
 * the period's start: every customer with at least one answer in the window before it (the
 * {@code window} of {@link ChurnRules}, by default the three months before {@code from}) who had not
 * cancelled before {@code from}. Each is in the category and score of their last answer in that
 * window, and mentions a theme when any of their answers there does. A customer churned when they
 * have a {@code CANCELLED} outcome in the period; {@code DOWNGRADED} is counted apart (a customer
 * may be both). Fixing the population at the start keeps answers given during the period, which
 * only churners' later history could bias, out of the groups.
 * <p>
 * Customers with an outcome in the period and no answer in the window form the group "no answer".
 * Reporting knows no other customers, so that group's denominator is the customers with a recorded
 * outcome (renewals included): its rate is the share of cancellations among recorded outcomes and
 * is not comparable to the rates of the answering groups.
 * <p>
 * Rates carry Wilson 95% intervals; a group below {@code minimumCustomers} is {@code insufficient}.
 * A theme's effect is the churn rate of the customers who mentioned it minus that of the rest of
 * the population, with Newcombe's interval and Fisher's exact p-value, adjusted over the themes
 * (Benjamini-Hochberg); themes are ranked by that difference.
 */
public final class ChurnReport implements Report<ChurnReport.Query, ChurnReport.Churn> {

    public static final String NO_ANSWER = "no answer";
    static final List<Category> CATEGORIES = List.of(Category.PROMOTER, Category.PASSIVE, Category.DETRACTOR);

    /** The table the CSV shows. */
    public enum View {
        CATEGORY, SCORE, THEME, REVENUE
    }

    public record Query(DayRange range, View view) {
    }

    /**
     * The churn of one group: by {@code category} (PROMOTER, PASSIVE, DETRACTOR, "no answer") or by
     * {@code score} (0-10) of the last answer in the window. {@code withOutcome}: how many of the
     * group's customers have any recorded outcome in the period (a renewal included), which says
     * whether outcomes are reported for them at all. Rates and bounds are null for an empty group.
     */
    public record ChurnRow(String by, String group, long customers, long withOutcome, long cancelled, @Nullable Double cancelledRate,
            @Nullable Double cancelledLower, @Nullable Double cancelledUpper, long downgraded, @Nullable Double downgradedRate,
            @Nullable Double downgradedLower, @Nullable Double downgradedUpper, boolean insufficient) {
    }

    /**
     * How much a theme raises churn: the cancellation rate of the customers whose answers in the
     * window mentioned it minus that of the customers whose answers did not, with Newcombe's 95%
     * interval, Fisher's exact two-sided p-value and its Benjamini-Hochberg adjustment over the
     * themes. {@code significant} needs both groups sufficient and the adjusted p-value below 0.05.
     */
    public record ThemeChurn(String theme, long customersWith, long cancelledWith, @Nullable Double rateWith,
            long customersWithout, long cancelledWithout, @Nullable Double rateWithout, @Nullable Double difference,
            @Nullable Double differenceLower, @Nullable Double differenceUpper, @Nullable Double pValue,
            @Nullable Double adjustedPValue, boolean insufficient, boolean significant) {
    }

    /** Revenue of the period's cancellations and downgrades in one currency for one category, and its share of the currency's total. */
    public record RevenueShare(String category, String currency, BigDecimal cancelled, double cancelledShare,
            BigDecimal downgraded, double downgradedShare) {
    }

    /**
     * The period ({@code from}..{@code to}), the window whose answers place customers
     * ({@code answersFrom}..{@code answersTo}), and {@code denominator}: in words, who is counted.
     */
    public record Churn(LocalDate from, LocalDate to, LocalDate answersFrom, LocalDate answersTo, String window,
            long minimumCustomers, String denominator, List<ChurnRow> byCategory, List<ChurnRow> byScore,
            List<ThemeChurn> byTheme, List<RevenueShare> revenueByCategory, String multipleComparisons) {
    }

    private final Facts facts;
    private final ThemeLexicon lexicon;
    private final ChurnRules rules;
    private final SignificanceRules significance;

    public ChurnReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.lexicon = settings.themes();
        this.rules = settings.churn();
        this.significance = settings.rules().significance();
    }

    @Override
    public String path() {
        return "churn";
    }

    @Override
    public Query query(Parameters parameters) {
        DayRange range = parameters.range();
        View view = parameters.choice("view", View.class, View.CATEGORY);
        return new Query(range, view);
    }

    /** A period's population and what happened to it. */
    private record Population(Map<String, Answer> last, Map<String, List<Answer>> answers, Map<String, Set<OutcomeKind>> outcomes,
            List<Outcome> inPeriod) {

        boolean did(String customer, OutcomeKind kind) {
            return outcomes.getOrDefault(customer, Set.of()).contains(kind);
        }
    }

    @Override
    public Churn compute(Query query) {
        DayRange period = query.range();
        DayRange window = new DayRange(period.from().minus(rules.window()), period.from().minusDays(1));
        Population p = population(period, window);
        List<ChurnRow> byCategory = new ArrayList<>();
        for (Category category : CATEGORIES) {
            byCategory.add(row("category", category.name(), p, c -> p.last().get(c).category() == category));
        }
        Set<String> noAnswer = new HashSet<>(p.outcomes().keySet());
        noAnswer.removeAll(p.last().keySet());
        byCategory.add(row("category", NO_ANSWER, noAnswer, p));
        List<ChurnRow> byScore = new ArrayList<>();
        for (int score = 0; score <= 10; score++) {
            int s = score;
            byScore.add(row("score", Integer.toString(score), p, c -> p.last().get(c).score() == s));
        }
        String denominator = "Customers with at least one answer from " + window.from() + " to " + window.to() + " (the "
                + rules.window() + " before the period) who had not cancelled before " + period.from() + ", in the category"
                + " and score of their last answer there; churned = a CANCELLED outcome from " + period.from() + " to "
                + period.to() + ", DOWNGRADED counted apart. \"" + NO_ANSWER + "\": customers with an outcome in the period"
                + " and no answer in that window; its denominator is those customers (renewals included), so its rate is"
                + " not comparable to the others. Below " + rules.minimumCustomers() + " customers a rate is insufficient";
        return new Churn(period.from(), period.to(), window.from(), window.to(), rules.window().toString(),
                rules.minimumCustomers(), denominator, byCategory, byScore, themes(p), revenue(p),
                "Benjamini-Hochberg: the p-values of the themes are adjusted together, controlling the false discovery"
                        + " rate at " + significance.alpha() + "; significant needs the adjusted p-value below it and at least "
                        + rules.minimumCustomers() + " customers with and without the theme");
    }

    @Override
    public Export.Table export(Query query, Churn view) {
        return table(view, query.view());
    }

    static Export.Table table(Churn churn, View view) {
        return switch (view) {
            case SCORE -> new Export.Table(ChurnRow.class, churn.byScore());
            case THEME -> new Export.Table(ThemeChurn.class, churn.byTheme());
            case REVENUE -> new Export.Table(RevenueShare.class, churn.revenueByCategory());
            case CATEGORY -> new Export.Table(ChurnRow.class, churn.byCategory());
        };
    }

    /** The observed churn of each answering category of the period, for revenue at risk. */
    public Map<Category, ChurnRow> byCategory(DayRange period) {
        Map<Category, ChurnRow> rows = new LinkedHashMap<>();
        List<ChurnRow> computed = compute(new Query(period, View.CATEGORY)).byCategory();
        for (int i = 0; i < CATEGORIES.size(); i++) {
            rows.put(CATEGORIES.get(i), computed.get(i));
        }
        return rows;
    }

    public ChurnRules rules() {
        return rules;
    }

    private Population population(DayRange period, DayRange window) {
        Comparator<Answer> order = Comparator.comparing(Answer::occurredAt).thenComparing(Answer::key);
        Map<String, List<Answer>> answers = new HashMap<>();
        Map<String, Answer> last = new HashMap<>();
        for (Answer a : facts.answersBetween(window)) {
            answers.computeIfAbsent(a.customerId(), c -> new ArrayList<>()).add(a);
            last.merge(a.customerId(), a, (x, y) -> order.compare(x, y) >= 0 ? x : y);
        }
        Map<String, Outcome> latestBefore = new HashMap<>();
        Map<String, Set<OutcomeKind>> outcomes = new HashMap<>();
        List<Outcome> inPeriod = new ArrayList<>();
        Comparator<Outcome> byTime = Comparator.comparing(Outcome::occurredAt).thenComparing(Outcome::key);
        for (Outcome o : facts.outcomes()) {
            LocalDate day = facts.day(o.occurredAt());
            if (day.isBefore(period.from())) {
                latestBefore.merge(o.customerId(), o, (x, y) -> byTime.compare(x, y) >= 0 ? x : y);
            } else if (period.contains(day)) {
                outcomes.computeIfAbsent(o.customerId(), c -> EnumSet.noneOf(OutcomeKind.class)).add(o.kind());
                inPeriod.add(o);
            }
        }
        // Gone at the start: their last outcome before the period was a cancellation.
        latestBefore.forEach((customer, o) -> {
            if (o.kind() == OutcomeKind.CANCELLED) {
                last.remove(customer);
                answers.remove(customer);
            }
        });
        return new Population(last, answers, outcomes, inPeriod);
    }

    private ChurnRow row(String by, String group, Population p, Predicate<String> member) {
        Set<String> customers = new HashSet<>();
        for (String customer : p.last().keySet()) {
            if (member.test(customer)) {
                customers.add(customer);
            }
        }
        return row(by, group, customers, p);
    }

    private ChurnRow row(String by, String group, Set<String> customers, Population p) {
        long cancelled = customers.stream().filter(c -> p.did(c, OutcomeKind.CANCELLED)).count();
        long downgraded = customers.stream().filter(c -> p.did(c, OutcomeKind.DOWNGRADED)).count();
        long withOutcome = customers.stream().filter(p.outcomes()::containsKey).count();
        long n = customers.size();
        Proportions.Interval c = Proportions.wilson(cancelled, n);
        Proportions.Interval d = Proportions.wilson(downgraded, n);
        return new ChurnRow(by, group, n, withOutcome, cancelled, n == 0 ? null : c.rate(), n == 0 ? null : c.lower(),
                n == 0 ? null : c.upper(), downgraded, n == 0 ? null : d.rate(), n == 0 ? null : d.lower(),
                n == 0 ? null : d.upper(), n < rules.minimumCustomers());
    }

    private List<ThemeChurn> themes(Population p) {
        List<String> themes = lexicon.themes();
        long population = p.last().size();
        long cancelledAll = p.last().keySet().stream().filter(c -> p.did(c, OutcomeKind.CANCELLED)).count();
        List<long[]> counts = new ArrayList<>();
        List<@Nullable Double> pValues = new ArrayList<>();
        for (String theme : themes) {
            long with = 0;
            long cancelledWith = 0;
            for (Map.Entry<String, List<Answer>> e : p.answers().entrySet()) {
                if (e.getValue().stream().anyMatch(a -> lexicon.mentions(theme, a.comment()))) {
                    with++;
                    if (p.did(e.getKey(), OutcomeKind.CANCELLED)) {
                        cancelledWith++;
                    }
                }
            }
            long without = population - with;
            long cancelledWithout = cancelledAll - cancelledWith;
            counts.add(new long[] {with, cancelledWith, without, cancelledWithout});
            pValues.add(Proportions.fisherExact(cancelledWith, with, cancelledWithout, without));
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochberg(pValues);
        List<ThemeChurn> rows = new ArrayList<>();
        for (int i = 0; i < themes.size(); i++) {
            long[] k = counts.get(i);
            Proportions.Difference d = Proportions.newcombe(k[1], k[0], k[3], k[2]);
            boolean insufficient = k[0] < rules.minimumCustomers() || k[2] < rules.minimumCustomers();
            Double adjustedP = adjusted.get(i);
            rows.add(new ThemeChurn(themes.get(i), k[0], k[1], k[0] == 0 ? null : (double) k[1] / k[0], k[2], k[3],
                    k[2] == 0 ? null : (double) k[3] / k[2], d == null ? null : d.difference(), d == null ? null : d.lower(),
                    d == null ? null : d.upper(), pValues.get(i), adjustedP,
                    insufficient, !insufficient && adjustedP != null && adjustedP < significance.alpha()));
        }
        rows.sort(Comparator.comparing(ThemeChurn::difference, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ThemeChurn::theme));
        return rows;
    }

    private List<RevenueShare> revenue(Population p) {
        List<String> groups = new ArrayList<>();
        CATEGORIES.forEach(c -> groups.add(c.name()));
        groups.add(NO_ANSWER);
        Map<List<String>, BigDecimal[]> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> groups.indexOf(k.get(0)))
                .thenComparing(k -> k.get(1)));
        Map<String, BigDecimal[]> totals = new HashMap<>();
        for (Outcome o : p.inPeriod()) {
            Money value = o.value();
            if (value == null || o.kind() == OutcomeKind.RENEWED) {
                continue;
            }
            Answer last = p.last().get(o.customerId());
            String group = last == null ? NO_ANSWER : last.category().name();
            int slot = o.kind() == OutcomeKind.CANCELLED ? 0 : 1;
            BigDecimal[] sum = sums.computeIfAbsent(List.of(group, value.currency()), k -> zeros());
            sum[slot] = sum[slot].add(value.amount());
            BigDecimal[] total = totals.computeIfAbsent(value.currency(), k -> zeros());
            total[slot] = total[slot].add(value.amount());
        }
        List<RevenueShare> rows = new ArrayList<>();
        sums.forEach((k, s) -> {
            BigDecimal[] total = totals.get(k.get(1));
            rows.add(new RevenueShare(k.get(0), k.get(1), s[0], share(s[0], total[0]), s[1], share(s[1], total[1])));
        });
        return rows;
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private static double share(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? 0.0 : part.doubleValue() / total.doubleValue();
    }
}
