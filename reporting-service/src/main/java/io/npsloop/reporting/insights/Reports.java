package io.npsloop.reporting.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.reporting.insights.Views.Cost;
import io.npsloop.reporting.insights.Views.Distribution;
import io.npsloop.reporting.insights.Views.ExperimentArm;
import io.npsloop.reporting.insights.Views.ExperimentReport;
import io.npsloop.reporting.insights.Views.Figure;
import io.npsloop.reporting.insights.Views.FollowupReport;
import io.npsloop.reporting.insights.Views.FunnelRow;
import io.npsloop.reporting.insights.Views.MonthCause;
import io.npsloop.reporting.insights.Views.MonthlyReport;
import io.npsloop.reporting.insights.Views.ParetoRow;
import io.npsloop.reporting.insights.Views.RevenueReport;
import io.npsloop.reporting.insights.Views.RevenueRow;
import io.npsloop.reporting.insights.Views.RootCauseReport;
import io.npsloop.reporting.insights.Views.ScoreCount;
import io.npsloop.reporting.insights.Views.SegmentCause;
import io.npsloop.reporting.insights.Views.SegmentFigure;
import io.npsloop.reporting.insights.Views.SegmentReport;
import io.npsloop.reporting.insights.Views.ThemeFigure;
import io.npsloop.reporting.insights.Views.ThemeReport;
import io.npsloop.reporting.insights.Views.TrendPoint;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.NpsDifference;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.Proportions;
import org.jspecify.annotations.Nullable;

/**
 * Computes every management view from the projections. Days are calendar days in the reporting time
 * zone; ranges are inclusive of both ends. Answers fall in the day of their event time, cases in the
 * day they were opened, alerts in the day they were raised.
 */
public class Reports {

    /** Share of time-to-first-contact values at or below the reported high percentile. */
    static final double P90 = 0.9;

    private final ReadModel model;
    private final Clock clock;
    private final ZoneId zone;
    private final List<String> dimensions;
    private final ThemeLexicon lexicon;
    private final String controlArm;
    private final ReportRules rules;

    /** With the default rules: figures need 30 answers, arms 30 cases, themes 30 mentions. */
    public Reports(ReadModel model, Clock clock, ZoneId zone, List<String> dimensions, ThemeLexicon lexicon,
            String controlArm) {
        this(model, clock, zone, dimensions, lexicon, controlArm, ReportRules.DEFAULTS);
    }

    public Reports(ReadModel model, Clock clock, ZoneId zone, List<String> dimensions, ThemeLexicon lexicon,
            String controlArm, ReportRules rules) {
        this.model = model;
        this.clock = clock;
        this.zone = zone;
        this.dimensions = List.copyOf(dimensions);
        this.lexicon = lexicon;
        this.controlArm = controlArm;
        this.rules = rules;
    }

    public ReportRules rules() {
        return rules;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public List<String> dimensions() {
        return dimensions;
    }

    LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private List<Answer> answersBetween(LocalDate from, LocalDate to) {
        List<Answer> in = new ArrayList<>();
        for (Answer a : model.answers()) {
            LocalDate d = day(a.occurredAt());
            if (!d.isBefore(from) && !d.isAfter(to)) {
                in.add(a);
            }
        }
        return in;
    }

    private static NpsTally tally(List<Answer> answers, Predicate<Answer> which) {
        NpsTally t = NpsTally.EMPTY;
        for (Answer a : answers) {
            if (which.test(a)) {
                t = t.plus(a.category(), 1);
            }
        }
        return t;
    }

    public Figure figure(LocalDate from, LocalDate to) {
        return Figure.of(tally(answersBetween(from, to), a -> true), rules.significance());
    }

    public Distribution distribution(LocalDate from, LocalDate to) {
        long[] counts = new long[11];
        List<Answer> answers = answersBetween(from, to);
        for (Answer a : answers) {
            counts[a.score()]++;
        }
        List<ScoreCount> scores = new ArrayList<>();
        for (int s = 0; s <= 10; s++) {
            scores.add(new ScoreCount(s, counts[s]));
        }
        return new Distribution(from, to, answers.size(), scores);
    }

    /**
     * NPS per period, every period in the range present (n = 0 when empty), optionally within one
     * segment. Each point is compared with the one before it; the p-values of all those changes are
     * adjusted together (Benjamini-Hochberg), since a trend shows them all at once.
     */
    public List<TrendPoint> trend(Granularity granularity, LocalDate from, LocalDate to, @Nullable String dimension,
            @Nullable String segment) {
        Map<LocalDate, NpsTally> byStart = new TreeMap<>();
        for (Answer a : answersBetween(from, to)) {
            if (dimension != null && !Objects.equals(a.segments().get(dimension), segment)) {
                continue;
            }
            byStart.merge(granularity.start(day(a.occurredAt())), NpsTally.of(a.category()), NpsTally::plus);
        }
        List<LocalDate[]> periods = new ArrayList<>();
        List<NpsTally> tallies = new ArrayList<>();
        for (LocalDate start = granularity.start(from); !start.isAfter(to); start = granularity.next(start)) {
            LocalDate first = start.isBefore(from) ? from : start;
            LocalDate last = granularity.next(start).minusDays(1);
            periods.add(new LocalDate[] {first, last.isAfter(to) ? to : last});
            tallies.add(byStart.getOrDefault(start, NpsTally.EMPTY));
        }
        List<NpsDifference> changes = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            changes.add(i == 0 ? NpsDifference.UNDEFINED : tallies.get(i).compareWith(tallies.get(i - 1)));
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(changes);
        String name = granularity.name().toLowerCase(java.util.Locale.ROOT);
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            NpsTally t = tallies.get(i);
            Figure f = Figure.of(t, rules.significance());
            NpsDifference change = changes.get(i);
            boolean significant = i > 0
                    && rules.significance().significant(t.n(), tallies.get(i - 1).n(), adjusted.get(i));
            points.add(new TrendPoint(name, periods.get(i)[0], periods.get(i)[1], f.n(), f.promoters(), f.passives(),
                    f.detractors(), f.nps(), f.standardError(), f.marginOfError(), f.lower(), f.upper(), f.insufficient(),
                    change.difference(), change.pValue(), adjusted.get(i), significant));
        }
        return points;
    }

    /**
     * Segments of every configured dimension. A segment is part of the overall population, so testing
     * it against the overall figure would compare a sample with itself; it is tested against the rest
     * (the answers outside it), two independent samples, with {@link NpsTally#compareWith}. Every
     * segment of every dimension is shown at once, so their p-values are adjusted together
     * (Benjamini-Hochberg): with 21 segments and no real difference, testing each at 5% would paint
     * one or more red most of the time.
     */
    public SegmentReport segments(LocalDate from, LocalDate to) {
        List<Answer> answers = answersBetween(from, to);
        NpsTally overall = tally(answers, a -> true);
        List<String[]> keys = new ArrayList<>();
        List<NpsTally> segmentTallies = new ArrayList<>();
        List<NpsTally> restTallies = new ArrayList<>();
        List<NpsDifference> differences = new ArrayList<>();
        for (String dimension : dimensions) {
            Map<String, NpsTally> bySegment = new TreeMap<>();
            for (Answer a : answers) {
                String value = a.segments().get(dimension);
                if (value != null) {
                    bySegment.merge(value, NpsTally.of(a.category()), NpsTally::plus);
                }
            }
            bySegment.forEach((segment, t) -> {
                NpsTally rest = overall.minus(t);
                keys.add(new String[] {dimension, segment});
                segmentTallies.add(t);
                restTallies.add(rest);
                differences.add(t.compareWith(rest));
            });
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(differences);
        List<SegmentFigure> figures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            NpsTally t = segmentTallies.get(i);
            NpsTally rest = restTallies.get(i);
            NpsDifference c = differences.get(i);
            Figure f = Figure.of(t, rules.significance());
            figures.add(new SegmentFigure(keys.get(i)[0], keys.get(i)[1], t.n(), t.promoters(), t.passives(),
                    t.detractors(), t.nps(), t.standardError(), t.marginOfError(), f.lower(), f.upper(), f.insufficient(),
                    rest.n(), rest.n() == 0 ? null : rest.nps(), t.nps() - overall.nps(), c.difference(),
                    c.standardError() == null ? null : NpsTally.Z_95 * c.standardError(), c.lower(), c.upper(),
                    c.pValue(), adjusted.get(i), rules.significance().significant(t.n(), rest.n(), adjusted.get(i))));
        }
        String adjustment = "Benjamini-Hochberg: the p-values of the " + adjusted.stream().filter(Objects::nonNull).count()
                + " segment-vs-rest comparisons are adjusted together, controlling the false discovery rate at "
                + rules.significance().alpha() + "; significant needs the adjusted p-value below it and at least "
                + rules.significance().minimumSampleSize() + " answers in the segment and in the rest";
        return new SegmentReport(from, to, Figure.of(overall, rules.significance()), figures, adjustment,
                rules.significance().minimumSampleSize());
    }

    private boolean openedBetween(CaseFact c, LocalDate from, LocalDate to) {
        if (c.openedAt() == null) {
            return false;
        }
        LocalDate d = day(c.openedAt());
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private List<CaseFact> casesOpenedBetween(LocalDate from, LocalDate to) {
        List<CaseFact> in = new ArrayList<>();
        for (CaseFact c : model.cases()) {
            if (openedBetween(c, from, to)) {
                in.add(c);
            }
        }
        return in;
    }

    /**
     * The funnel alerts, cases, contacted, resolved, re-surveyed, converted, per team and per owner.
     * A case's SLA is due once it is contacted or its due time has passed; it is met when the first
     * contact came at or before the due time.
     */
    public FollowupReport followup(LocalDate from, LocalDate to) {
        Map<String, Long> alertsByTeam = new TreeMap<>();
        long alerts = 0;
        for (AlertFact a : model.alerts()) {
            LocalDate d = day(a.occurredAt());
            if (!d.isBefore(from) && !d.isAfter(to)) {
                alertsByTeam.merge(a.queue(), 1L, Long::sum);
                alerts++;
            }
        }
        List<CaseFact> cases = casesOpenedBetween(from, to);
        Instant now = clock.instant();
        FunnelRow total = funnelRow("total", "all", alerts, cases, now);
        Map<String, List<CaseFact>> byTeam = group(cases, c -> c.queue() == null ? "unknown" : c.queue());
        Set<String> teams = new java.util.TreeSet<>(byTeam.keySet());
        teams.addAll(alertsByTeam.keySet());
        List<FunnelRow> teamRows = new ArrayList<>();
        for (String team : teams) {
            teamRows.add(funnelRow("team", team, alertsByTeam.getOrDefault(team, 0L), byTeam.getOrDefault(team, List.of()), now));
        }
        List<FunnelRow> ownerRows = new ArrayList<>();
        group(cases, c -> c.owner() == null ? "unassigned" : c.owner())
                .forEach((owner, list) -> ownerRows.add(funnelRow("owner", owner, null, list, now)));
        return new FollowupReport(from, to, total, teamRows, ownerRows);
    }

    private static <K extends Comparable<K>> Map<K, List<CaseFact>> group(List<CaseFact> cases, Function<CaseFact, K> key) {
        Map<K, List<CaseFact>> groups = new TreeMap<>();
        for (CaseFact c : cases) {
            groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    private static FunnelRow funnelRow(String group, String key, @Nullable Long alerts, List<CaseFact> cases, Instant now) {
        long contacted = 0;
        long resolved = 0;
        long resurveyed = 0;
        long toPassive = 0;
        long toPromoter = 0;
        long slaDue = 0;
        long slaMet = 0;
        List<Long> seconds = new ArrayList<>();
        for (CaseFact c : cases) {
            if (c.firstContactAt() != null) {
                contacted++;
                if (c.openedAt() != null) {
                    seconds.add(Duration.between(c.openedAt(), c.firstContactAt()).getSeconds());
                }
            }
            if (c.resolved()) {
                resolved++;
            }
            if (c.resurveyCategory() != null) {
                resurveyed++;
            }
            if (c.resurveyCategory() == Category.PASSIVE) {
                toPassive++;
            }
            if (c.resurveyCategory() == Category.PROMOTER) {
                toPromoter++;
            }
            if (c.slaDueAt() != null && (c.firstContactAt() != null || c.slaDueAt().isBefore(now))) {
                slaDue++;
                if (c.firstContactAt() != null && !c.firstContactAt().isAfter(c.slaDueAt())) {
                    slaMet++;
                }
            }
        }
        seconds.sort(Comparator.naturalOrder());
        return new FunnelRow(group, key, alerts, cases.size(), contacted, resolved, resurveyed, toPassive, toPromoter,
                Percentiles.nearestRank(seconds, 0.5), Percentiles.nearestRank(seconds, P90), slaDue, slaMet,
                slaDue == 0 ? 0.0 : (double) slaMet / slaDue);
    }

    /**
     * Root-cause Pareto of the cases opened in the range: a case coded with several categories counts
     * once in each, so shares are of mentions. Segments come from the alert the case was opened for.
     */
    public RootCauseReport rootCauses(LocalDate from, LocalDate to) {
        Map<String, AlertFact> alerts = new HashMap<>();
        for (AlertFact a : model.alerts()) {
            alerts.put(a.alertId(), a);
        }
        Map<String, Long> byCategory = new TreeMap<>();
        Map<List<String>, Long> bySegment = new HashMap<>();
        Map<List<String>, Long> byMonth = new HashMap<>();
        long coded = 0;
        long mentions = 0;
        for (CaseFact c : casesOpenedBetween(from, to)) {
            if (c.rootCauses().isEmpty()) {
                continue;
            }
            coded++;
            AlertFact alert = c.alertId() == null ? null : alerts.get(c.alertId());
            String month = YearMonth.from(day(Objects.requireNonNull(c.openedAt()))).toString();
            for (String category : new java.util.TreeSet<>(c.rootCauses())) {
                mentions++;
                byCategory.merge(category, 1L, Long::sum);
                byMonth.merge(List.of(month, category), 1L, Long::sum);
                if (alert != null) {
                    for (String dimension : dimensions) {
                        String segment = alert.segments().get(dimension);
                        if (segment != null) {
                            bySegment.merge(List.of(dimension, segment, category), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(byCategory.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<ParetoRow> pareto = new ArrayList<>();
        long cumulative = 0;
        for (Map.Entry<String, Long> e : ordered) {
            cumulative += e.getValue();
            pareto.add(new ParetoRow(e.getKey(), e.getValue(), (double) e.getValue() / mentions, (double) cumulative / mentions));
        }
        List<SegmentCause> segments = new ArrayList<>();
        bySegment.forEach((k, v) -> segments.add(new SegmentCause(k.get(0), k.get(1), k.get(2), v)));
        segments.sort(Comparator.comparing((SegmentCause s) -> dimensions.indexOf(s.dimension()))
                .thenComparing(SegmentCause::segment).thenComparing(SegmentCause::cases, Comparator.reverseOrder())
                .thenComparing(SegmentCause::category));
        List<MonthCause> months = new ArrayList<>();
        byMonth.forEach((k, v) -> months.add(new MonthCause(YearMonth.parse(k.get(0)), k.get(1), v)));
        months.sort(Comparator.comparing(MonthCause::month).thenComparing(MonthCause::cases, Comparator.reverseOrder())
                .thenComparing(MonthCause::category));
        return new RootCauseReport(from, to, coded, mentions, pareto, segments, months);
    }

    /**
     * Incentive experiments of the cases opened in the range, per root cause, experiment and arm. A
     * conversion is a case whose customer answered again as a passive or a promoter. Costs are the
     * accepted offers, summed per currency (an offer not taken costs nothing). Each arm is tested
     * against its experiment's control with Fisher's exact test; the rule of {@link ReportRules#experiments()}
     * decides when that is called significant.
     */
    public ExperimentReport experiments(LocalDate from, LocalDate to) {
        Map<List<String>, List<CaseFact>> arms = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (CaseFact c : casesOpenedBetween(from, to)) {
            CaseFact.Experiment e = c.experiment();
            if (e != null) {
                arms.computeIfAbsent(List.of(e.rootCause(), e.experimentId(), e.arm()), k -> new ArrayList<>()).add(c);
            }
        }
        Map<List<String>, Integer> comparedArms = new HashMap<>();
        arms.keySet().forEach(key -> {
            if (!controlArm.equals(key.get(2))) {
                comparedArms.merge(List.of(key.get(0), key.get(1)), 1, Integer::sum);
            }
        });
        var plan = rules.experiments();
        List<ExperimentArm> rows = new ArrayList<>();
        arms.forEach((key, cases) -> {
            long conversions = cases.stream().filter(CaseFact::converted).count();
            Proportions.Interval interval = Proportions.wilson(conversions, cases.size());
            boolean control = controlArm.equals(key.get(2));
            List<CaseFact> controlCases = arms.get(List.of(key.get(0), key.get(1), controlArm));
            Double difference = null;
            Double differenceLower = null;
            Double differenceUpper = null;
            Double z = null;
            Double p = null;
            boolean largeEnough = false;
            boolean significant = false;
            if (!control && controlCases != null) {
                long controlConversions = controlCases.stream().filter(CaseFact::converted).count();
                Proportions.Difference d = Objects.requireNonNull(
                        Proportions.newcombe(conversions, cases.size(), controlConversions, controlCases.size()));
                difference = d.difference();
                differenceLower = d.lower();
                differenceUpper = d.upper();
                z = Proportions.twoProportionZTest(conversions, cases.size(), controlConversions, controlCases.size()).z();
                p = Proportions.fisherExact(conversions, cases.size(), controlConversions, controlCases.size());
                largeEnough = plan.largeEnough(cases.size(), controlCases.size());
                significant = plan.significant(cases.size(), controlCases.size(), p,
                        comparedArms.getOrDefault(List.of(key.get(0), key.get(1)), 1));
            } else if (control) {
                largeEnough = plan.largeEnough(cases.size(), cases.size());
            }
            rows.add(new ExperimentArm(key.get(0), key.get(1), key.get(2), control, cases.size(), conversions,
                    interval.rate(), interval.lower(), interval.upper(), difference, differenceLower, differenceUpper, z, p,
                    largeEnough, significant, costs(cases, conversions)));
        });
        String rule = "An arm is called different from control only when it and control each have at least "
                + plan.minimumArmSize() + " cases and Fisher's exact two-sided p-value is below " + plan.alpha()
                + " / " + plan.plannedLooks() + " planned looks / the number of arms compared with control in its"
                + " experiment (Bonferroni over looks and arms): over up to " + plan.plannedLooks() + " looks the chance"
                + " of naming a false winner stays at most " + plan.alpha() + "; decide at planned looks, not at every"
                + " reading";
        return new ExperimentReport(from, to, controlArm, rows, plan.minimumArmSize(), plan.plannedLooks(), rule);
    }

    /**
     * Cost per conversion = total / conversions. The total of accepted offers is known; what is
     * uncertain is how many conversions these cases would bring, so the interval takes the Wilson
     * bounds of the conversion rate: total / (cases * upper) to total / (cases * lower).
     */
    private static List<Cost> costs(List<CaseFact> cases, long conversions) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (CaseFact c : cases) {
            CaseFact.Experiment e = Objects.requireNonNull(c.experiment());
            Money cost = e.cost();
            if (cost != null && Boolean.TRUE.equals(e.accepted())) {
                totals.merge(cost.currency(), cost.amount(), BigDecimal::add);
            }
        }
        List<Cost> costs = new ArrayList<>();
        Proportions.Interval rate = Proportions.wilson(conversions, cases.size());
        totals.forEach((currency, total) -> costs.add(new Cost(currency, total,
                conversions == 0 ? null : total.divide(BigDecimal.valueOf(conversions), 2, RoundingMode.HALF_EVEN),
                perConversionBound(total, cases.size(), rate.upper()), perConversionBound(total, cases.size(), rate.lower()))));
        return costs;
    }

    private static @Nullable BigDecimal perConversionBound(BigDecimal total, long cases, double rate) {
        if (!(rate > 0)) {
            return null;
        }
        return total.divide(BigDecimal.valueOf(cases * rate), 2, RoundingMode.HALF_EVEN);
    }

    /**
     * Account value of unhappy customers not won back. Each account (or customer, without an account
     * id) counts once, by its latest answer in the range; it is at risk when that answer is a detractor
     * and no closed case on that answer converted the customer. Sums are per currency, never mixed.
     */
    public RevenueReport revenueAtRisk(LocalDate from, LocalDate to) {
        Set<String> recovered = new HashSet<>();
        for (CaseFact c : model.cases()) {
            if (c.responseId() != null && c.closed() && c.converted()) {
                recovered.add(c.responseId());
            }
        }
        Map<String, Answer> latest = new HashMap<>();
        Comparator<Answer> order = Comparator.comparing(Answer::occurredAt).thenComparing(Answer::key);
        for (Answer a : answersBetween(from, to)) {
            String account = a.accountId() != null ? a.accountId() : "customer:" + a.customerId();
            latest.merge(account, a, (x, y) -> order.compare(x, y) >= 0 ? x : y);
        }
        Map<List<String>, BigDecimal> amounts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        Map<List<String>, Long> accounts = new HashMap<>();
        for (Answer a : latest.values()) {
            Money value = a.accountValue();
            if (a.category() != Category.DETRACTOR || value == null || recovered.contains(a.responseId())) {
                continue;
            }
            List<List<String>> keys = new ArrayList<>();
            keys.add(List.of("total", "all", value.currency()));
            for (String dimension : dimensions) {
                String segment = a.segments().get(dimension);
                if (segment != null) {
                    keys.add(List.of(dimension, segment, value.currency()));
                }
            }
            for (List<String> k : keys) {
                amounts.merge(k, value.amount(), BigDecimal::add);
                accounts.merge(k, 1L, Long::sum);
            }
        }
        List<RevenueRow> total = new ArrayList<>();
        List<RevenueRow> bySegment = new ArrayList<>();
        amounts.forEach((k, amount) -> {
            RevenueRow row = new RevenueRow(k.get(0), k.get(1), k.get(2), accounts.get(k), amount);
            ("total".equals(k.get(0)) ? total : bySegment).add(row);
        });
        bySegment.sort(Comparator.comparing((RevenueRow r) -> dimensions.indexOf(r.dimension()))
                .thenComparing(RevenueRow::segment).thenComparing(RevenueRow::currency));
        return new RevenueReport(from, to, total, bySegment);
    }

    /** Themes of one month and of the month before it. */
    public ThemeReport themes(YearMonth month) {
        YearMonth previous = month.minusMonths(1);
        return new ThemeReport(month, previous, themesOf(month), themesOf(previous), rules.minimumThemeMentions(),
                "Benjamini-Hochberg: the p-values of the themes of one month are adjusted together, controlling the"
                        + " false discovery rate at " + rules.significance().alpha() + "; significant needs the adjusted"
                        + " p-value below it and at least " + rules.minimumThemeMentions() + " mentions");
    }

    /**
     * Impact = NPS of the answers that mention the theme minus NPS of those that do not. The two
     * groups are disjoint, so, given how many mention it, the difference is one of two independent
     * NPS figures (the variances add; see {@link NpsDifference}). The earlier "overall minus without"
     * counted the theme's answers on both sides and treated their share as known, which left its
     * interval far too narrow.
     */
    List<ThemeFigure> themesOf(YearMonth month) {
        List<Answer> answers = answersBetween(month.atDay(1), month.atEndOfMonth());
        NpsTally overall = tally(answers, a -> true);
        List<NpsTally> withs = new ArrayList<>();
        List<NpsTally> withouts = new ArrayList<>();
        List<NpsDifference> differences = new ArrayList<>();
        for (String theme : lexicon.themes()) {
            NpsTally with = tally(answers, a -> lexicon.mentions(theme, a.comment()));
            NpsTally without = overall.minus(with);
            withs.add(with);
            withouts.add(without);
            differences.add(with.compareWith(without));
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(differences);
        List<ThemeFigure> figures = new ArrayList<>();
        List<String> themes = List.copyOf(lexicon.themes());
        for (int i = 0; i < themes.size(); i++) {
            NpsTally with = withs.get(i);
            NpsTally without = withouts.get(i);
            NpsDifference d = differences.get(i);
            boolean insufficient = with.n() < rules.minimumThemeMentions();
            boolean significant = !insufficient && rules.significance().significant(with.n(), without.n(), adjusted.get(i));
            figures.add(new ThemeFigure(themes.get(i), month, overall.n(), with.n(), overall.promoters(), with.promoters(),
                    overall.promoters() == 0 ? 0.0 : (double) with.promoters() / overall.promoters(), overall.detractors(),
                    with.detractors(), overall.detractors() == 0 ? 0.0 : (double) with.detractors() / overall.detractors(),
                    with.n() == 0 ? null : with.nps(), without.n() == 0 ? null : without.nps(), overall.nps(),
                    d.difference(), d.standardError(), d.standardError() == null ? null : NpsTally.Z_95 * d.standardError(),
                    d.lower(), d.upper(), d.pValue(), adjusted.get(i), insufficient, significant));
        }
        return figures;
    }

    public MonthlyReport monthly(YearMonth month) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        return new MonthlyReport(month, from, to, figure(from, to), distribution(from, to),
                trend(Granularity.WEEK, from, to, null, null), segments(from, to), followup(from, to),
                rootCauses(from, to), experiments(from, to), revenueAtRisk(from, to), themes(month));
    }

    /** The figure of every configured segment over the last {@code days} days, for the gauges. */
    public Map<List<String>, NpsTally> segmentTallies(int days, int maxSegmentsPerDimension) {
        LocalDate to = today();
        List<Answer> answers = answersBetween(to.minusDays(days - 1L), to);
        Map<List<String>, NpsTally> tallies = new LinkedHashMap<>();
        tallies.put(List.of("overall", "all"), tally(answers, a -> true));
        for (String dimension : dimensions) {
            Map<String, NpsTally> bySegment = new TreeMap<>();
            for (Answer a : answers) {
                String value = a.segments().get(dimension);
                if (value != null && (bySegment.containsKey(value) || bySegment.size() < maxSegmentsPerDimension)) {
                    bySegment.merge(value, NpsTally.of(a.category()), NpsTally::plus);
                }
            }
            bySegment.forEach((segment, t) -> tallies.put(List.of(dimension, segment), t));
        }
        return tallies;
    }
}
