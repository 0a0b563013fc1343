package io.npsloop.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.CaseFact;

/**
 * Account value of unhappy customers not won back. Each account (or customer, without an account
 * id) counts once, by its latest answer in the range; it is at risk when that answer is a detractor
 * and no closed case on that answer converted the customer. Sums are per currency, never mixed.
 */
public final class RevenueAtRiskReport implements Report<DayRange, RevenueAtRiskReport.RevenueAtRisk> {

    /** Account value at risk in one currency, over {@code accounts} accounts. */
    public record RevenueRow(String dimension, String segment, String currency, long accounts, BigDecimal amount) {
    }

    public record RevenueAtRisk(LocalDate from, LocalDate to, List<RevenueRow> total, List<RevenueRow> bySegment) {
    }

    private final Facts facts;
    private final List<String> dimensions;

    public RevenueAtRiskReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.dimensions = settings.dimensions();
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
        return new RevenueAtRisk(range.from(), range.to(), total, bySegment);
    }

    /** The totals, then the segments. */
    @Override
    public Export.Table export(DayRange range, RevenueAtRisk view) {
        List<RevenueRow> rows = new ArrayList<>(view.total());
        rows.addAll(view.bySegment());
        return new Export.Table(RevenueRow.class, rows);
    }
}
