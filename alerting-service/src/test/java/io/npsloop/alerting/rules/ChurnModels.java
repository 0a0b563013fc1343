package io.npsloop.alerting.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.contracts.EventTypes;

/** A churn model as reporting would publish it, for the tests of the rules, the store and the service. */
public final class ChurnModels {

    private ChurnModels() {
    }

    /** Passives: 24 of 160 churned (Wilson lower bound 0.1028); billing 18 of 50 (0.2412), a predicting theme; delivery not. */
    public static ChurnRiskUpdated model(Instant at) {
        ChurnRiskUpdated.ThemeChurn billing = new ChurnRiskUpdated.ThemeChurn("billing", List.of("invoice", "账单"),
                rate(50, 18, 0.24124, 0.49859, false), rate(350, 42, 0.09, 0.15836, false), 0.24, 0.11473, 0.37584, 0.0004);
        ChurnRiskUpdated.ThemeChurn delivery = new ChurnRiskUpdated.ThemeChurn("delivery", List.of("late", "delivery"),
                rate(90, 14, 0.0953, 0.2433, false), rate(310, 46, 0.1131, 0.1927, false), 0.0, -0.071, 0.093, 0.71);
        ChurnRiskUpdated.ThemeChurn price = new ChurnRiskUpdated.ThemeChurn("price", List.of("expensive"),
                rate(12, 9, 0.4677, 0.9111, true), rate(388, 51, 0.1015, 0.1690, false), 0.62, 0.33, 0.79, 0.0001);
        return new ChurnRiskUpdated("m-" + at, EventTypes.CHURN_RISK_UPDATED, ChurnRiskUpdated.SCHEMA_VERSION, at,
                LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-31"), 3,
                Map.of(Category.DETRACTOR, rate(80, 20, 0.16761, 0.35511, false), Category.PASSIVE, rate(160, 24, 0.10281, 0.21383, false),
                        Category.PROMOTER, new ChurnRiskUpdated.ChurnRate(0, 0, 0, null, null, true)),
                List.of(billing, delivery, price));
    }

    private static ChurnRiskUpdated.ChurnRate rate(long customers, long churned, double lower, double upper, boolean insufficient) {
        return new ChurnRiskUpdated.ChurnRate(customers, churned, (double) churned / customers, lower, upper, insufficient);
    }
}
