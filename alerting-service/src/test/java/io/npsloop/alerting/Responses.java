package io.npsloop.alerting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/** Scored responses for tests, built by changing one field of a typical detractor at a time. */
public record Responses(String responseId, String customerId, int score, @Nullable Integer previousScore,
        @Nullable String comment, @Nullable String channel, @Nullable String touchpoint, @Nullable String surveyId,
        Map<String, String> attributes, @Nullable Money accountValue, Instant answeredAt) {

    public static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");

    public static Responses detractor() {
        return new Responses("r-1", "c-1", 5, null, "Delivery was late", "email", "delivery", "relationship-2025",
                Map.of("region", "EMEA", "plan", "pro"), new Money(new BigDecimal("1200.00"), "EUR"), T0);
    }

    public Responses score(int value) {
        return new Responses(responseId, customerId, value, previousScore, comment, channel, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses previous(@Nullable Integer value) {
        return new Responses(responseId, customerId, score, value, comment, channel, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses comment(@Nullable String value) {
        return new Responses(responseId, customerId, score, previousScore, value, channel, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses channel(@Nullable String value) {
        return new Responses(responseId, customerId, score, previousScore, comment, value, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses touchpoint(@Nullable String value) {
        return new Responses(responseId, customerId, score, previousScore, comment, channel, value, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses survey(@Nullable String value) {
        return new Responses(responseId, customerId, score, previousScore, comment, channel, touchpoint, value, attributes, accountValue, answeredAt);
    }

    public Responses attributes(Map<String, String> value) {
        return new Responses(responseId, customerId, score, previousScore, comment, channel, touchpoint, surveyId, value, accountValue, answeredAt);
    }

    public Responses accountValue(@Nullable String amount, String currency) {
        return new Responses(responseId, customerId, score, previousScore, comment, channel, touchpoint, surveyId, attributes,
                amount == null ? null : new Money(new BigDecimal(amount), currency), answeredAt);
    }

    public Responses id(String value) {
        return new Responses(value, customerId, score, previousScore, comment, channel, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses customer(String value) {
        return new Responses(responseId, value, score, previousScore, comment, channel, touchpoint, surveyId, attributes, accountValue, answeredAt);
    }

    public Responses at(Instant value) {
        return new Responses(responseId, customerId, score, previousScore, comment, channel, touchpoint, surveyId, attributes, accountValue, value);
    }

    public ResponseScored build() {
        return new ResponseScored("ev-" + responseId, EventTypes.RESPONSE_SCORED, ResponseScored.SCHEMA_VERSION, answeredAt,
                "api", responseId, 1, surveyId, customerId, "a-" + customerId,
                new Contact("Ada", "ada@example.com", null), score, category(score), previousScore,
                previousScore == null ? null : category(previousScore), previousScore == null ? null : "r-0", comment,
                channel, touchpoint, attributes, accountValue);
    }

    static Category category(int score) {
        return score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
    }
}
