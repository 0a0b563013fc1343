package io.npsloop.alerting.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.npsloop.alerting.Responses;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every condition, one table row per case: the condition, the response, whether it matches. */
class RuleMatchingTests {

    private static final RuleConditions NONE = new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, null);

    static Stream<Arguments> conditions() {
        return Stream.of(
                arguments("score range: inside", range(0, 6), detractor().score(6), true),
                arguments("score range: lower bound inclusive", range(3, 4), detractor().score(3), true),
                arguments("score range: above", range(0, 4), detractor().score(5), false),
                arguments("score range: below", range(3, 4), detractor().score(2), false),
                arguments("min score only", new RuleConditions(9, null, null, null, null, null, null, null, null, null, null, null), detractor().score(10), true),
                arguments("category: detractor", category(Category.DETRACTOR), detractor().score(0), true),
                arguments("category: passive is not a detractor", category(Category.DETRACTOR), detractor().score(7), false),
                arguments("category: one of several", new RuleConditions(null, null, Set.of(Category.PASSIVE, Category.DETRACTOR), null, null, null, null, null, null, null, null, null), detractor().score(8), true),
                arguments("previous category: was a promoter", previousCategory(Category.PROMOTER), detractor().previous(9), true),
                arguments("previous category: was a passive", previousCategory(Category.PROMOTER), detractor().previous(8), false),
                arguments("previous category: first answer never matches", previousCategory(Category.PROMOTER), detractor().previous(null), false),
                arguments("score drop: exactly N", drop(4), detractor().score(5).previous(9), true),
                arguments("score drop: more than N", drop(4), detractor().score(2).previous(10), true),
                arguments("score drop: less than N", drop(4), detractor().score(6).previous(9), false),
                arguments("score drop: a rise is no drop", drop(1), detractor().score(6).previous(3), false),
                arguments("score drop: first answer never matches", drop(1), detractor().previous(null), false),
                arguments("attribute equals", attribute("region", "EMEA"), detractor(), true),
                arguments("attribute equals ignores case", attribute("region", "emea"), detractor(), true),
                arguments("attribute differs", attribute("region", "APAC"), detractor(), false),
                arguments("attribute in set", attribute("region", "APAC", "EMEA"), detractor(), true),
                arguments("attribute missing", attribute("team", "blue"), detractor(), false),
                arguments("attributes all must hold", new RuleConditions(null, null, null, null, null, Map.of("region", List.of("EMEA"), "plan", List.of("free")), null, null, null, null, null, null), detractor(), false),
                arguments("channel in list", channels("web", "email"), detractor(), true),
                arguments("channel not in list", channels("web"), detractor(), false),
                arguments("channel missing", channels("web"), detractor().channel(null), false),
                arguments("touchpoint in list", touchpoints("Delivery"), detractor(), true),
                arguments("touchpoint not in list", touchpoints("billing"), detractor(), false),
                arguments("survey in list", surveys("relationship-2025"), detractor(), true),
                arguments("survey not in list", surveys("onboarding"), detractor(), false),
                arguments("survey missing", surveys("onboarding"), detractor().survey(null), false),
                arguments("keyword: case-insensitive", keywords("LATE"), detractor(), true),
                arguments("keyword: any of several", keywords("refund", "late"), detractor(), true),
                arguments("keyword: none present", keywords("refund", "cancel"), detractor(), false),
                arguments("keyword: no comment", keywords("late"), detractor().comment(null), false),
                arguments("keyword: Chinese without word boundaries", keywords("退款"), detractor().comment("我要求退款，服务太差"), true),
                arguments("keyword: Chinese absent", keywords("退款"), detractor().comment("服务太差"), false),
                arguments("keyword: full-width Latin folds by NFKC", keywords("refund"), detractor().comment("ＲＥＦＵＮＤ please"), true),
                arguments("account value: above X", value("1000", "EUR"), detractor().accountValue("1200.00", "EUR"), true),
                arguments("account value: exactly X", value("1200", "EUR"), detractor().accountValue("1200.00", "EUR"), true),
                arguments("account value: below X", value("1200.01", "EUR"), detractor().accountValue("1200.00", "EUR"), false),
                arguments("account value: other currency never matches", value("1000", "EUR"), detractor().accountValue("5000", "USD"), false),
                arguments("account value: unknown", value("1000", "EUR"), detractor().accountValue(null, "EUR"), false),
                arguments("no comment: none given", noComment(true), detractor().comment(null), true),
                arguments("no comment: blank counts as none", noComment(true), detractor().comment("   "), true),
                arguments("no comment: one given", noComment(true), detractor(), false),
                arguments("with comment: one given", noComment(false), detractor(), true),
                arguments("no conditions match anything", NONE, detractor().score(10), true),
                arguments("conditions combine with AND", new RuleConditions(0, 6, null, null, null, null, List.of("email"), null, null, List.of("refund"), null, null), detractor(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void conditionMatchesAsTabled(String name, RuleConditions when, Responses response, boolean expected) {
        assertThat(RuleMatching.matches(when, response.build())).isEqualTo(expected);
    }

    private static RuleConditions range(int min, int max) {
        return RuleConditions.scoreBetween(min, max);
    }

    private static RuleConditions category(Category category) {
        return new RuleConditions(null, null, Set.of(category), null, null, null, null, null, null, null, null, null);
    }

    private static RuleConditions previousCategory(Category category) {
        return new RuleConditions(null, null, null, Set.of(category), null, null, null, null, null, null, null, null);
    }

    private static RuleConditions drop(int points) {
        return new RuleConditions(null, null, null, null, points, null, null, null, null, null, null, null);
    }

    private static RuleConditions attribute(String name, String... values) {
        return new RuleConditions(null, null, null, null, null, Map.of(name, List.of(values)), null, null, null, null, null, null);
    }

    private static RuleConditions channels(String... values) {
        return new RuleConditions(null, null, null, null, null, null, List.of(values), null, null, null, null, null);
    }

    private static RuleConditions touchpoints(String... values) {
        return new RuleConditions(null, null, null, null, null, null, null, List.of(values), null, null, null, null);
    }

    private static RuleConditions surveys(String... values) {
        return new RuleConditions(null, null, null, null, null, null, null, null, List.of(values), null, null, null);
    }

    private static RuleConditions keywords(String... values) {
        return new RuleConditions(null, null, null, null, null, null, null, null, null, List.of(values), null, null);
    }

    private static RuleConditions value(String amount, String currency) {
        return new RuleConditions(null, null, null, null, null, null, null, null, null, null,
                new Money(new java.math.BigDecimal(amount), currency), null);
    }

    private static RuleConditions noComment(boolean none) {
        return new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, none);
    }
}
