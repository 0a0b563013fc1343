package io.npsloop.ingest.outcomes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseRequest.MoneyRequest;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one check of a posted outcome: each rule names its field, several broken rules are all named. */
class OutcomeChecksTests {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final OutcomeChecks CHECKS = new OutcomeChecks(
            new ResponseChecks(VALIDATION.getValidator(), Clock.fixed(NOW, ZoneOffset.UTC)));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aCompleteOutcomeIsValidAndBecomesItsDomainForm() {
        OutcomeRequest request = new OutcomeRequest("sub-1.cancel", "c-42", "a-7", "cancelled", NOW.minusSeconds(3600),
                new MoneyRequest("1200.00", "EUR"), "price", Map.of("plan", "pro"));

        assertThat(CHECKS.problems(request)).isEmpty();
        NewOutcome outcome = request.toNewOutcome();
        assertThat(outcome.outcome()).isEqualTo(OutcomeKind.CANCELLED);
        assertThat(outcome.valueAmount()).isEqualByComparingTo("1200.00");
        assertThat(outcome.valueCurrency()).isEqualTo("EUR");
    }

    @Test
    void onlyCustomerAndKindAreRequired() {
        assertThat(CHECKS.problems(new OutcomeRequest(null, "c-42", null, "renewed", null, null, null, null))).isEmpty();
        assertThat(fields(CHECKS.problems(new OutcomeRequest(null, null, null, null, null, null, null, null))))
                .containsExactly("customerId", "outcome");
    }

    @Test
    void theKindIsOneOfThreeInAnyCase() {
        for (String kind : List.of("cancelled", "CANCELLED", "Downgraded", "renewed")) {
            assertThat(CHECKS.problems(outcome(kind))).as(kind).isEmpty();
        }
        for (String kind : List.of("churned", "cancel", "", "renewed ")) {
            assertThat(fields(CHECKS.problems(outcome(kind)))).as(kind).containsExactly("outcome");
        }
        assertThat(outcome("Downgraded").toNewOutcome().outcome()).isEqualTo(OutcomeKind.DOWNGRADED);
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        OutcomeRequest bad = new OutcomeRequest("-starts-badly", " ", "a".repeat(129), "lost", NOW.plusSeconds(301),
                new MoneyRequest("-5", "XYZ"), "Too expensive!", Map.of("9lives", "x"));

        assertThat(fields(CHECKS.problems(bad))).containsExactly("accountId", "attributes[9lives]", "customerId", "occurredAt",
                "outcome", "outcomeId", "reasonCode", "value.amount", "value.currency");
    }

    @Test
    void theTimeIsAtMostFiveMinutesAheadAndTenYearsBack() {
        assertThat(CHECKS.problems(at(NOW.plusSeconds(300)))).isEmpty();
        assertThat(CHECKS.problems(at(NOW.plusSeconds(301)))).extracting(FieldProblem::message)
                .containsExactly("must not be more than 5 minutes in the future");
        assertThat(CHECKS.problems(at(Instant.parse("2016-06-01T12:00:00Z")))).isEmpty();
        assertThat(CHECKS.problems(at(Instant.parse("2016-06-01T11:59:59Z")))).extracting(FieldProblem::message)
                .containsExactly("must not be more than 10 years in the past");
    }

    @Test
    void theValueIsMoneyThatIsNotNegative() {
        assertThat(CHECKS.problems(valued(new MoneyRequest("0", "EUR")))).isEmpty();
        assertThat(fields(CHECKS.problems(valued(new MoneyRequest("-0.01", "EUR"))))).containsExactly("value.amount");
        assertThat(fields(CHECKS.problems(valued(new MoneyRequest("12,50", "EUR"))))).containsExactly("value.amount");
        assertThat(fields(CHECKS.problems(valued(new MoneyRequest("12.50", "eur"))))).containsExactly("value.currency");
        assertThat(fields(CHECKS.problems(valued(new MoneyRequest("12.50", "ZZZ"))))).containsExactly("value.currency");
    }

    @Test
    void theReasonIsAShortCode() {
        for (String reason : List.of("price", "support.slow", "moved_to-competitor", "p".repeat(64))) {
            assertThat(CHECKS.problems(reasoned(reason))).as(reason).isEmpty();
        }
        for (String reason : List.of("Price", "too expensive", "", ".price", "p".repeat(65), "prix-élevé")) {
            assertThat(fields(CHECKS.problems(reasoned(reason)))).as(reason).containsExactly("reasonCode");
        }
    }

    @Test
    void theIdAndTheAttributesFollowTheResponsesRules() {
        assertThat(CHECKS.problems(new OutcomeRequest("crm:sub@1_2.3-4", "c-1", null, "renewed", null, null, null, null))).isEmpty();
        assertThat(fields(CHECKS.problems(new OutcomeRequest("a b", "c-1", null, "renewed", null, null, null, null))))
                .containsExactly("outcomeId");
        assertThat(fields(CHECKS.problems(new OutcomeRequest(null, "c-1", null, "renewed", null, null, null,
                Map.of("plan", "v".repeat(257)))))).containsExactly("attributes[plan]");
    }

    private static OutcomeRequest outcome(String kind) {
        return new OutcomeRequest(null, "c-1", null, kind, null, null, null, null);
    }

    private static OutcomeRequest at(Instant occurredAt) {
        return new OutcomeRequest(null, "c-1", null, "cancelled", occurredAt, null, null, null);
    }

    private static OutcomeRequest valued(MoneyRequest value) {
        return new OutcomeRequest(null, "c-1", null, "cancelled", null, value, null, null);
    }

    private static OutcomeRequest reasoned(String reasonCode) {
        return new OutcomeRequest(null, "c-1", null, "cancelled", null, null, reasonCode, null);
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).distinct().toList();
    }
}
