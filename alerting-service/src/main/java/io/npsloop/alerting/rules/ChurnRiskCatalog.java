package io.npsloop.alerting.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ChurnRiskUpdated;
import org.jspecify.annotations.Nullable;

/**
 * The churn model in force, cached in memory so evaluating a response reads no database. Updated
 * when this instance consumes a newer {@code ChurnRiskUpdated}, and reloaded with the rules, so an
 * instance that did not consume it (one partition, one consumer) catches up within the refresh interval.
 */
public class ChurnRiskCatalog {

    private final ChurnRiskStore store;
    private volatile ChurnRiskModel model = ChurnRiskModel.NONE;

    public ChurnRiskCatalog(ChurnRiskStore store) {
        this.store = store;
    }

    public ChurnRiskModel current() {
        return model;
    }

    public void refresh() {
        ChurnRiskUpdated latest = store.latest();
        model = latest == null ? ChurnRiskModel.NONE : modelOf(latest);
    }

    /** Keeps the update if it is the newest seen, then reloads; true when it was kept. */
    public boolean offer(ChurnRiskUpdated update) {
        boolean kept = store.keepIfNewer(update);
        refresh();
        return kept;
    }

    /**
     * The event as the rules read it. A rate without an interval (an empty group) has no lower bound
     * to claim, so it reads as 0; a lift without an interval or a p-value never predicts churn.
     */
    static ChurnRiskModel modelOf(ChurnRiskUpdated update) {
        Map<Category, ChurnRiskModel.ChurnRate> byCategory = new EnumMap<>(Category.class);
        update.byCategory().forEach((category, rate) -> byCategory.put(category, rateOf(rate)));
        List<ChurnRiskModel.ThemeRisk> themes = new ArrayList<>(update.themes().size());
        for (ChurnRiskUpdated.ThemeChurn theme : update.themes()) {
            themes.add(new ChurnRiskModel.ThemeRisk(theme.theme(), theme.keywords(), rateOf(theme.mentioned()),
                    orElse(theme.liftLower(), Double.NEGATIVE_INFINITY), orElse(theme.liftUpper(), Double.POSITIVE_INFINITY),
                    orElse(theme.adjustedPValue(), 1.0)));
        }
        return new ChurnRiskModel(update.occurredAt(), byCategory, themes);
    }

    private static ChurnRiskModel.ChurnRate rateOf(ChurnRiskUpdated.ChurnRate rate) {
        return new ChurnRiskModel.ChurnRate(rate.customers(), rate.churned(), orElse(rate.lower(), 0.0), orElse(rate.upper(), 1.0),
                rate.insufficient() || rate.lower() == null);
    }

    private static double orElse(@Nullable Double value, double otherwise) {
        return value == null ? otherwise : value;
    }
}
