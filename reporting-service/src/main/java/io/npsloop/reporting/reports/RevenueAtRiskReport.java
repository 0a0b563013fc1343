package io.npsloop.reporting.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.CaseFact;
import org.jspecify.annotations.Nullable;

/**
 * Account value of unhappy customers not won back. Each account (or customer, without an account
 * id) counts once, by its latest answer in the range; it is at risk when that answer is a detractor
 * and no closed case on that answer converted the customer. Sums are per currency, never mixed.
 * <p>
 * {@code expectedLoss} weighs every account not won back by the cancellation rate of its category:
 * the rate observed in the range ({@link ChurnReport}) once that category has
 * {@code minimumOutcomes} customers with a recorded outcome, else the assumed rate (detractor 1,
 * passive and promoter 0, under which {@code expectedLoss} equals {@code amount}). {@code churnRates}
 * says which rate each category took and where it came from.
 */
public final class RevenueAtRiskReport implements Report<DayRange, RevenueAtRiskReport.RevenueAtRisk> {

    /**
     * Account value at risk in one currency, over {@code accounts} detractor accounts, and the loss
     * expected from all accounts not won back at the rates of {@code churnRates}.
     */
    public record RevenueRow(String dimension, String segment, String currency, long accounts, BigDecimal amount,
            BigDecimal expectedLoss) {
    }

    /**
     * The cancellation rate a category's accounts were weighed with: {@code observed} (with its
     * customers, those with an outcome, cancellations and Wilson bounds) or {@code assumed}.
     */
    public record ChurnRate(String category, double rate, String source, long customers, long withOutcome, long cancelled,
            @Nullable Double lower, @Nullable Double upper) {
    }

    public record RevenueAtRisk(LocalDate from, LocalDate to, List<RevenueRow> total, List<RevenueRow> bySegment,
            List<ChurnRate> churnRates) {
    }

    static final String OBSERVED = "observed";
    static final String ASSUMED = "assumed";

    private final Facts facts;
    private final List<String> dimensions;
    private final ChurnReport churn;

    public RevenueAtRiskReport(Facts facts, ReportSettings settings, ChurnReport churn) {
        this.facts = facts;
        this.dimensions = settings.dimensions();
        this.churn = churn;
    }

    @Override
    public String path() {
        return "revenue-at-risk";
    }

    @Override
    public DayRange query(Parameters parameters) {
        return parameters.range();
    }

    @Override
    public RevenueAtRisk compute(DayRange range) {
        Set<String> recovered = new HashSet<>();
        for (CaseFact c : facts.cases()) {
            if (c.responseId() != null && c.closed() && c.converted()) {
                recovered.add(c.responseId());
            }
        }
        Map<String, Answer> latest = new HashMap<>();
        Comparator<Answer> order = Comparator.comparing(Answer::occurredAt).thenComparing(Answer::key);
        for (Answer a : facts.answersBetween(range)) {
            String account = a.accountId() != null ? a.accountId() : "customer:" + a.customerId();
            latest.merge(account, a, (x, y) -> order.compare(x, y) >= 0 ? x : y);
        }
        Map<List<String>, BigDecimal> amounts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        Map<List<String>, Long> accounts = new HashMap<>();
        Map<List<String>, BigDecimal> expected = new HashMap<>();
        List<ChurnRate> rates = rates(range);
        for (Answer a : latest.values()) {
            Money value = a.accountValue();
            if (value == null || recovered.contains(a.responseId())) {
                continue;
            }
            boolean atRisk = a.category() == Category.DETRACTOR;
            double rate = rates.stream().filter(r -> r.category().equals(a.category().name())).findFirst().orElseThrow().rate();
            BigDecimal loss = value.amount().multiply(BigDecimal.valueOf(rate)).setScale(value.amount().scale(), RoundingMode.HALF_EVEN);
            if (!atRisk && loss.signum() == 0) {
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
                amounts.merge(k, atRisk ? value.amount() : BigDecimal.ZERO, BigDecimal::add);
                accounts.merge(k, atRisk ? 1L : 0L, Long::sum);
                expected.merge(k, loss, BigDecimal::add);
            }
        }
        List<RevenueRow> total = new ArrayList<>();
        List<RevenueRow> bySegment = new ArrayList<>();
        amounts.forEach((k, amount) -> {
            RevenueRow row = new RevenueRow(k.get(0), k.get(1), k.get(2), accounts.get(k), amount, expected.get(k));
            ("total".equals(k.get(0)) ? total : bySegment).add(row);
        });
        bySegment.sort(Comparator.comparing((RevenueRow r) -> dimensions.indexOf(r.dimension()))
                .thenComparing(RevenueRow::segment).thenComparing(RevenueRow::currency));
        return new RevenueAtRisk(range.from(), range.to(), total, bySegment, rates);
    }

    /** Per category, the observed cancellation rate of the range once enough of its customers have an outcome, else the assumed one. */
    private List<ChurnRate> rates(DayRange range) {
        List<ChurnRate> rates = new ArrayList<>();
        churn.byCategory(range).forEach((category, row) -> {
            boolean observed = row.withOutcome() >= churn.rules().minimumOutcomes() && row.cancelledRate() != null;
            double rate = observed ? row.cancelledRate() : category == Category.DETRACTOR ? 1.0 : 0.0;
            rates.add(new ChurnRate(category.name(), rate, observed ? OBSERVED : ASSUMED, row.customers(), row.withOutcome(),
                    row.cancelled(), row.cancelledLower(), row.cancelledUpper()));
        });
        return rates;
    }

    /** The totals, then the segments. */
    @Override
    public Export.Table export(DayRange range, RevenueAtRisk view) {
        List<RevenueRow> rows = new ArrayList<>(view.total());
        rows.addAll(view.bySegment());
        return new Export.Table(RevenueRow.class, rows);
    }
}
