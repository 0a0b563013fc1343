package io.npsloop.alerting.rules;

import java.util.List;
import java.util.Map;

import io.npsloop.contracts.ResponseScored;

/** Whether a response meets a rule's conditions: each condition by its name, all of them ANDed. */
public final class RuleMatching {

    private RuleMatching() {
    }

    /** Without a churn model: the churn conditions never match. */
    public static boolean matches(RuleConditions when, ResponseScored response) {
        return matches(when, response, ChurnRiskModel.NONE);
    }

    public static boolean matches(RuleConditions when, ResponseScored response, ChurnRiskModel churn) {
        return scoreInRange(when, response)
                && categoryMatches(when, response)
                && previousCategoryMatches(when, response)
                && scoreDropMatches(when, response)
                && attributesMatch(when, response)
                && channelMatches(when, response)
                && touchpointMatches(when, response)
                && surveyMatches(when, response)
                && commentContainsKeyword(when, response)
                && accountValueAtLeast(when, response)
                && commentPresenceMatches(when, response)
                && churnMatches(when, response, churn);
    }

    static boolean scoreInRange(RuleConditions when, ResponseScored response) {
        return (when.minScore() == null || response.score() >= when.minScore())
                && (when.maxScore() == null || response.score() <= when.maxScore());
    }

    static boolean categoryMatches(RuleConditions when, ResponseScored response) {
        return when.categories() == null || when.categories().isEmpty() || when.categories().contains(response.category());
    }

    /** A first answer has no previous category, so it never meets this condition. */
    static boolean previousCategoryMatches(RuleConditions when, ResponseScored response) {
        if (when.previousCategories() == null || when.previousCategories().isEmpty()) {
            return true;
        }
        return response.previousCategory() != null && when.previousCategories().contains(response.previousCategory());
    }

    static boolean scoreDropMatches(RuleConditions when, ResponseScored response) {
        if (when.minScoreDrop() == null) {
            return true;
        }
        return response.previousScore() != null && response.previousScore() - response.score() >= when.minScoreDrop();
    }

    static boolean attributesMatch(RuleConditions when, ResponseScored response) {
        if (when.attributes() == null) {
            return true;
        }
        for (Map.Entry<String, List<String>> wanted : when.attributes().entrySet()) {
            if (!TextMatching.oneOf(response.attributes().get(wanted.getKey()), wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    static boolean channelMatches(RuleConditions when, ResponseScored response) {
        return when.channels() == null || when.channels().isEmpty() || TextMatching.oneOf(response.channel(), when.channels());
    }

    static boolean touchpointMatches(RuleConditions when, ResponseScored response) {
        return when.touchpoints() == null || when.touchpoints().isEmpty()
                || TextMatching.oneOf(response.touchpoint(), when.touchpoints());
    }

    static boolean surveyMatches(RuleConditions when, ResponseScored response) {
        return when.surveys() == null || when.surveys().isEmpty() || TextMatching.oneOf(response.surveyId(), when.surveys());
    }

    static boolean commentContainsKeyword(RuleConditions when, ResponseScored response) {
        return when.commentKeywords() == null || when.commentKeywords().isEmpty()
                || TextMatching.containsAny(response.comment(), when.commentKeywords());
    }

    /**
     * Compared as BigDecimal in the rule's currency; an account valued in another currency does
     * not match, because there is no exchange rate to convert with.
     */
    static boolean accountValueAtLeast(RuleConditions when, ResponseScored response) {
        if (when.minAccountValue() == null) {
            return true;
        }
        return response.accountValue() != null
                && response.accountValue().currency().equalsIgnoreCase(when.minAccountValue().currency())
                && response.accountValue().amount().compareTo(when.minAccountValue().amount()) >= 0;
    }

    static boolean commentPresenceMatches(RuleConditions when, ResponseScored response) {
        if (when.noComment() == null) {
            return true;
        }
        return when.noComment() == TextMatching.isBlank(response.comment());
    }

    /** The churn conditions, from one assessment of the response; they ask nothing of a rule without them. */
    static boolean churnMatches(RuleConditions when, ResponseScored response, ChurnRiskModel churn) {
        if (!when.readsChurn()) {
            return true;
        }
        ChurnRiskModel.Assessment assessment = churn.assess(response);
        return churnRiskAtLeast(when, assessment) && churnThemesMatch(when, assessment);
    }

    /** Before any churn was observed no response has a risk, so a rule that asks for one matches nothing. */
    static boolean churnRiskAtLeast(RuleConditions when, ChurnRiskModel.Assessment assessment) {
        return when.minChurnRisk() == null || assessment.risk() > 0 && assessment.risk() >= when.minChurnRisk();
    }

    static boolean churnThemesMatch(RuleConditions when, ChurnRiskModel.Assessment assessment) {
        return when.churnThemes() == null || when.churnThemes() == !assessment.predictive().isEmpty();
    }
}
