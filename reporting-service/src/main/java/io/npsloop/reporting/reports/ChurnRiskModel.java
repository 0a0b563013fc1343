package io.npsloop.reporting.reports;

import java.time.Instant;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.contracts.EventIds;
import io.npsloop.contracts.EventTypes;
import io.npsloop.statistics.Proportions;
import org.jspecify.annotations.Nullable;

/**
 * What reporting tells the other services about churn ({@code ChurnRiskUpdated}): the churn report
 * of the {@code period} up to today, by category and by theme, with the theme's keywords so that
 * alerting finds it in a comment as reporting does. A theme's rate carries the Wilson interval of
 * the customers who mentioned it, insufficient below the churn minimum like every churn rate.
 * Nothing is told before any outcome was recorded: a model of no churn at all would only say that
 * nobody posts outcomes yet. The event id is derived from the content, so the same figures are the
 * same event.
 */
public final class ChurnRiskModel {

    private final ChurnReport churn;
    private final Facts facts;
    private final ThemeLexicon lexicon;
    private final Period period;

    public ChurnRiskModel(ChurnReport churn, Facts facts, ThemeLexicon lexicon, Period period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("The churn model's period must be positive, got " + period);
        }
        this.churn = churn;
        this.facts = facts;
        this.lexicon = lexicon;
        this.period = period;
    }

    /** The model as of now, or empty before any outcome was recorded. */
    public Optional<ChurnRiskUpdated> current() {
        if (!facts.anyOutcome()) {
            return Optional.empty();
        }
        DayRange range = new DayRange(facts.today().minus(period).plusDays(1), facts.today());
        ChurnReport.Churn report = churn.compute(new ChurnReport.Query(range, ChurnReport.View.CATEGORY));
        Map<Category, ChurnRiskUpdated.ChurnRate> byCategory = new EnumMap<>(Category.class);
        for (ChurnReport.ChurnRow row : report.byCategory()) {
            category(row.group()).ifPresent(category -> byCategory.put(category, new ChurnRiskUpdated.ChurnRate(row.customers(),
                    row.cancelled(), orZero(row.cancelledRate()), row.cancelledLower(), row.cancelledUpper(), row.insufficient())));
        }
        long minimum = churn.rules().minimumCustomers();
        List<ChurnRiskUpdated.ThemeChurn> themes = report.byTheme().stream().map(theme -> new ChurnRiskUpdated.ThemeChurn(
                theme.theme(), lexicon.keywords(theme.theme()), rate(theme.cancelledWith(), theme.customersWith(), minimum),
                rate(theme.cancelledWithout(), theme.customersWithout(), minimum), orZero(theme.difference()),
                theme.differenceLower(), theme.differenceUpper(), theme.adjustedPValue())).toList();
        Instant now = facts.now();
        String id = EventIds.derived("churn-risk", range.from(), range.to(), byCategory, themes);
        return Optional.of(new ChurnRiskUpdated(id, EventTypes.CHURN_RISK_UPDATED, ChurnRiskUpdated.SCHEMA_VERSION, now,
                range.from(), range.to(), months(churn.rules().window()), byCategory, themes));
    }

    /** The answer window in whole months, days counted as months of 30 days and a part of one as one. */
    static int months(Period window) {
        return (int) Math.max(1, window.toTotalMonths() + (window.getDays() + 29) / 30);
    }

    private static ChurnRiskUpdated.ChurnRate rate(long churned, long customers, long minimum) {
        if (customers == 0) {
            return new ChurnRiskUpdated.ChurnRate(0, 0, 0, null, null, true);
        }
        Proportions.Interval wilson = Proportions.wilson(churned, customers);
        return new ChurnRiskUpdated.ChurnRate(customers, churned, wilson.rate(), wilson.lower(), wilson.upper(), customers < minimum);
    }

    private static Optional<Category> category(String group) {
        for (Category category : Category.values()) {
            if (category.name().equals(group)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }
}
