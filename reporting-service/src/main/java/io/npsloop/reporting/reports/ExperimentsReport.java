package io.npsloop.reporting.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Money;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.statistics.ExperimentPlan;
import io.npsloop.statistics.Proportions;
import org.jspecify.annotations.Nullable;

/**
 * Incentive experiments of the cases opened in the range, per root cause, experiment and arm. A
 * conversion is a case whose customer answered again as a passive or a promoter. Costs are the
 * accepted offers, summed per currency (an offer not taken costs nothing). Each arm is tested
 * against its experiment's control with Fisher's exact test; the rule of {@link ReportRules#experiments()}
 * decides when that is called significant.
 */
public final class ExperimentsReport implements Report<DayRange, ExperimentsReport.Experiments> {

    /**
     * Cost of accepted incentives in one currency and what one conversion cost (null without
     * conversions), with a 95% interval: the total is known, the conversions are the uncertain part,
     * so the bounds are the total over the cases times the upper and the lower Wilson bound of the
     * conversion rate. {@code perConversionUpper} is null when the lower bound is 0 (no bound).
     */
    public record Cost(String currency, BigDecimal total, @Nullable BigDecimal perConversion,
            @Nullable BigDecimal perConversionLower, @Nullable BigDecimal perConversionUpper) {
    }

    /**
     * One arm of one experiment within one root-cause category, with its Wilson 95% interval. Against
     * control: the difference of conversion rates with Newcombe's 95% interval, the z statistic
     * (for reference only), and Fisher's exact two-sided p-value. {@code significant} needs both arms
     * at the minimum arm size ({@code largeEnough}) and p below the report's threshold; the
     * control arm itself is not tested.
     */
    public record ExperimentArm(String rootCause, String experimentId, String arm, boolean control, long cases,
            long conversions, double conversionRate, double lower95, double upper95, @Nullable Double differenceVsControl,
            @Nullable Double differenceLower95, @Nullable Double differenceUpper95, @Nullable Double z,
            @Nullable Double pValue, boolean largeEnough, boolean significant, List<Cost> costs) {
    }

    /**
     * {@code rule} says in words when an arm is called a winner: {@code minimumArmSize} cases in the
     * arm and in control, and Fisher's p below {@code alpha / plannedLooks / arms compared}.
     */
    public record Experiments(LocalDate from, LocalDate to, String controlArm, List<ExperimentArm> arms,
            long minimumArmSize, int plannedLooks, String rule) {
    }

    private final Facts facts;
    private final String controlArm;
    private final ExperimentPlan plan;

    public ExperimentsReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.controlArm = settings.controlArm();
        this.plan = settings.rules().experiments();
    }

    @Override
    public String path() {
        return "experiments";
    }

    @Override
    public DayRange query(Parameters parameters) {
        return parameters.range();
    }

    @Override
    public Experiments compute(DayRange range) {
        Map<List<String>, List<CaseFact>> arms = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (CaseFact c : facts.casesOpenedBetween(range)) {
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
        return new Experiments(range.from(), range.to(), controlArm, rows, plan.minimumArmSize(), plan.plannedLooks(), rule);
    }

    /** One row per arm. */
    @Override
    public Export.Table export(DayRange range, Experiments view) {
        return new Export.Table(ExperimentArm.class, view.arms());
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
}
