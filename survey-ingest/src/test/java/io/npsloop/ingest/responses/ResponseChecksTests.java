package io.npsloop.ingest.responses;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.ResponseRequest.MoneyRequest;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one check of a submitted response, used by the API, the CSV import and the survey tools'
 * webhooks: every field named by its JSON path, the rules the bean constraints cannot express among them.
 */
class ResponseChecksTests {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ResponseChecks CHECKS = new ResponseChecks(VALIDATION.getValidator(), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aNegativeAmountIsRefusedNamingAccountValueAmountAndZeroIsTaken() {
        assertThat(fields(CHECKS.problems(request(null, new MoneyRequest("-1200.50", "EUR"), null)))).containsExactly("accountValue.amount");
        assertThat(fields(CHECKS.problems(request(null, new MoneyRequest("-0.000001", "EUR"), null)))).containsExactly("accountValue.amount");
        assertThat(CHECKS.problems(request(null, new MoneyRequest("0", "EUR"), null))).isEmpty();
        assertThat(CHECKS.problems(request(null, new MoneyRequest("-0", "EUR"), null))).isEmpty();
    }

    @Test
    void anAnswerOverTenYearsOldIsRefusedNamingRespondedAt() {
        Instant tenYearsAgo = NOW.atOffset(ZoneOffset.UTC).minusYears(10).toInstant();
        assertThat(fields(CHECKS.problems(request(tenYearsAgo.minusSeconds(1), null, null)))).containsExactly("respondedAt");
        assertThat(fields(CHECKS.problems(request(Instant.EPOCH, null, null)))).containsExactly("respondedAt");
        assertThat(CHECKS.problems(request(tenYearsAgo, null, null))).isEmpty();
    }

    @Test
    void aCurrencyIso4217DoesNotKnowIsRefusedOnceNamingAccountValueCurrency() {
        assertThat(CHECKS.problems(request(null, new MoneyRequest("1", "ABC"), null)))
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("accountValue.currency", "is not an ISO 4217 currency code"));
        assertThat(fields(CHECKS.problems(request(null, new MoneyRequest("1", "eur"), null)))).containsExactly("accountValue.currency");
        assertThat(CHECKS.problems(request(null, new MoneyRequest("1", "JPY"), null))).isEmpty();
    }

    @Test
    void everyProblemIsNamedByItsJsonPathAsTheApiNamesIt() {
        ResponseRequest request = new ResponseRequest("r-1", null, " ", null, new ResponseRequest.ContactRequest(null, "not-an-address", null),
                11, null, "fax", null, null, java.util.Map.of("9lives", "x", "region", "v".repeat(257)), new MoneyRequest("1", "eur"), null);
        assertThat(fields(CHECKS.problems(request))).containsExactly(
                "accountValue.currency", "attributes[9lives]", "attributes[region]", "channel", "contact.email", "customerId", "score");
    }

    @Test
    void aCommentOfWhiteSpaceOnlyBecomesNoComment() {
        for (String blank : List.of("", " ", "\t\r\n", "\u2028\u3000")) {
            ResponseRequest request = request(null, null, blank);
            assertThat(CHECKS.problems(request)).isEmpty();
            assertThat(CHECKS.toNewResponse(request).comment()).as("'%s'", blank).isNull();
        }
        assertThat(CHECKS.toNewResponse(request(null, null, "  slow  ")).comment()).as("kept as sent").isEqualTo("  slow  ");
    }

    private static ResponseRequest request(@Nullable Instant respondedAt, @Nullable MoneyRequest accountValue, @Nullable String comment) {
        return new ResponseRequest("r-1", null, "c-1", null, null, 7, comment, null, null, respondedAt, null, accountValue, null);
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }
}
