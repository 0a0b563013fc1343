package io.npsloop.alerting.rules;

import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The churn model as the rules read it: a response's risk is the lower bound of the riskiest group
 * it belongs to, insufficient groups count for nothing, a theme predicts churn only when its lift
 * interval is above zero and its adjusted p-value below 0.05, and an older model never replaces a
 * newer one.
 */
class ChurnRiskTests {

    private static final Instant T = Instant.parse("2025-04-01T02:00:00Z");

    static ChurnRiskUpdated model(Instant at) {
        return ChurnModels.model(at);
    }

    private static final ChurnRiskModel MODEL = ChurnRiskCatalog.modelOf(model(T));

    private static ResponseScored passive(@Nullable String comment) {
        return detractor().score(8).comment(comment).build();
    }

    @Test
    void aResponsesRiskIsTheLowerBoundOfItsCategoryWhenItMentionsNoTheme() {
        ChurnRiskModel.Assessment assessment = MODEL.assess(passive("All fine"));

        assertThat(assessment.risk()).isEqualTo(0.10281);
        assertThat(assessment.mentioned()).isEmpty();
        assertThat(assessment.predictive()).isEmpty();
    }

    @Test
    void aMentionedThemeWithAHigherLowerBoundRaisesTheRiskAndAPredictingThemeIsNamed() {
        ChurnRiskModel.Assessment assessment = MODEL.assess(passive("上个月的账单错了, and delivery was late"));

        assertThat(assessment.risk()).isEqualTo(0.24124);
        assertThat(assessment.mentioned()).containsExactly("billing", "delivery");
        assertThat(assessment.predictive()).as("delivery's lift interval spans 0").containsExactly("billing");
    }

    @Test
    void anInsufficientThemeOrCategoryCountsForNothing() {
        ChurnRiskModel.Assessment expensive = MODEL.assess(passive("Too EXPENSIVE"));
        assertThat(expensive.risk()).as("price has 12 customers: insufficient").isEqualTo(0.10281);
        assertThat(expensive.mentioned()).containsExactly("price");
        assertThat(expensive.predictive()).isEmpty();

        ResponseScored promoter = detractor().score(10).comment("Love it").build();
        assertThat(MODEL.assess(promoter).risk()).as("no promoter churn observed yet").isZero();
    }

    @Test
    void withoutAModelNothingHasARiskAndTheChurnConditionsMatchNothing() {
        ResponseScored response = passive("The invoice was wrong");
        assertThat(ChurnRiskModel.NONE.assess(response).risk()).isZero();

        assertThat(RuleMatching.matches(churnRisk(0.01, null), response)).isFalse();
        assertThat(RuleMatching.matches(churnRisk(null, true), response)).isFalse();
        assertThat(RuleMatching.matches(churnRisk(null, false), response)).as("mentions no predicting theme").isTrue();
        assertThat(RuleMatching.matches(churnRisk(0.2, true), response, MODEL)).isTrue();
    }

    @Test
    void aPassiveWithAChurnPredictingThemeMatchesAndOneWithoutDoesNot() {
        RuleConditions passiveAtRisk = new RuleConditions(null, null, Set.of(Category.PASSIVE), null, null, null, null, null, null,
                null, null, null, null, true);

        assertThat(RuleMatching.matches(passiveAtRisk, passive("I was charged twice on my invoice"), MODEL)).isTrue();
        assertThat(RuleMatching.matches(passiveAtRisk, passive("Delivery was late"), MODEL)).isFalse();
        assertThat(RuleMatching.matches(passiveAtRisk, detractor().comment("invoice wrong").build(), MODEL)).as("not a passive").isFalse();
    }

    @Test
    void minChurnRiskComparesWithTheLowerBound() {
        ResponseScored billing = passive("invoice");

        assertThat(RuleMatching.matches(churnRisk(0.24, null), billing, MODEL)).isTrue();
        assertThat(RuleMatching.matches(churnRisk(0.25, null), billing, MODEL)).as("the rate is 0.36 but only 0.2412 is certain").isFalse();
    }

    @Test
    void aRateWithoutAnIntervalReadsAsInsufficientAndALiftWithoutOneNeverPredicts() {
        ChurnRiskUpdated.ThemeChurn empty = new ChurnRiskUpdated.ThemeChurn("billing", List.of("invoice"),
                new ChurnRiskUpdated.ChurnRate(40, 40, 1.0, null, null, false), new ChurnRiskUpdated.ChurnRate(0, 0, 0, null, null, false),
                1.0, null, null, null);
        ChurnRiskModel model = ChurnRiskCatalog.modelOf(new ChurnRiskUpdated("m", EventTypes.CHURN_RISK_UPDATED, 1, T,
                LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-31"), 3, Map.of(), List.of(empty)));

        ChurnRiskModel.Assessment assessment = model.assess(passive("invoice"));
        assertThat(assessment.risk()).isZero();
        assertThat(assessment.predictive()).isEmpty();
    }

    @Test
    void theCatalogKeepsTheNewestModelWhateverOrderTheyArriveIn() {
        InMemoryChurnRiskStore store = new InMemoryChurnRiskStore();
        ChurnRiskCatalog catalog = new ChurnRiskCatalog(store);
        catalog.refresh();
        assertThat(catalog.current()).isEqualTo(ChurnRiskModel.NONE);

        assertThat(catalog.offer(model(T))).isTrue();
        assertThat(catalog.offer(model(T.minusSeconds(3600)))).as("an older record redelivered").isFalse();
        assertThat(catalog.current().observedAt()).isEqualTo(T);
        assertThat(catalog.offer(model(T.plusSeconds(3600)))).isTrue();
        assertThat(catalog.current().observedAt()).isEqualTo(T.plusSeconds(3600));
        assertThat(store.kept).hasSize(2);
    }

    private static RuleConditions churnRisk(@Nullable Double minRisk, @Nullable Boolean themes) {
        return new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, null, minRisk, themes);
    }

    private static final class InMemoryChurnRiskStore implements ChurnRiskStore {

        final List<ChurnRiskUpdated> kept = new ArrayList<>();

        @Override
        public @Nullable ChurnRiskUpdated latest() {
            return kept.isEmpty() ? null : kept.get(kept.size() - 1);
        }

        @Override
        public boolean keepIfNewer(ChurnRiskUpdated update) {
            ChurnRiskUpdated latest = latest();
            if (latest != null && !latest.occurredAt().isBefore(update.occurredAt())) {
                return false;
            }
            kept.add(update);
            return true;
        }
    }
}
