package io.npsloop.ingest.apikeys;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ApiKeyRequestTests {

    private static final ApiKeyRequest VALID = new ApiKeyRequest("crm-2026-03", "crm",
            List.of(ApiKey.SCOPE_WRITE, ApiKey.SCOPE_IMPORT), new ApiKeyRequest.Rate(50, "PT1S"));

    @Test
    void aCompleteRequestHasNoProblems() {
        assertThat(VALID.problems()).isEmpty();
        assertThat(VALID.scopeSet()).containsExactly(ApiKey.SCOPE_WRITE, ApiKey.SCOPE_IMPORT);
        assertThat(VALID.rate()).isEqualTo(new RateLimit(50, Duration.ofSeconds(1)));
    }

    @Test
    void theRateIsOptional() {
        ApiKeyRequest request = new ApiKeyRequest("crm", "crm", List.of(ApiKey.SCOPE_WRITE), null);
        assertThat(request.problems()).isEmpty();
        assertThat(request.rate()).isNull();
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        ApiKeyRequest request = new ApiKeyRequest("CRM Prod", "", Arrays.asList("responses:write", "responses:delete", null),
                new ApiKeyRequest.Rate(0, "one second"));

        assertThat(request.problems()).extracting(FieldProblem::field)
                .containsExactly("name", "source", "scopes[1]", "scopes[2]", "rateLimit.permits", "rateLimit.period");
    }

    @Test
    void missingValuesAreRequired() {
        assertThat(new ApiKeyRequest(null, null, null, new ApiKeyRequest.Rate(null, null)).problems())
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(
                        tuple("name", "is required"),
                        tuple("source", "is required"),
                        tuple("scopes", "must name at least one of responses:import, responses:write"),
                        tuple("rateLimit.permits", "is required with a rate limit"),
                        tuple("rateLimit.period", "is required with a rate limit"));
    }

    @Test
    void anEmptyScopeListGrantsNothingAndIsRefused() {
        assertThat(new ApiKeyRequest("crm", "crm", List.of(), null).problems())
                .extracting(FieldProblem::field).containsExactly("scopes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm", "c", "crm-2026.03_b", "0crm", "a23456789012345678901234567890123456789012345678901234567890abcd"})
    void namesOfTheConfiguredFormAreAccepted(String name) {
        assertThat(new ApiKeyRequest(name, name, List.of(ApiKey.SCOPE_WRITE), null).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Crm", "-crm", ".crm", "crm/other", "crm key", "crm%2F", "a23456789012345678901234567890123456789012345678901234567890abcde"})
    void namesThatWouldNeedEscapingOrAreTooLongAreRefused(String name) {
        assertThat(new ApiKeyRequest(name, name, List.of(ApiKey.SCOPE_WRITE), null).problems())
                .extracting(FieldProblem::field).containsExactly("name", "source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "PT0.0001S", "PT24H0.001S", "P2D", "1s", "PT", ""})
    void periodsOutsideOneMillisecondToOneDayOrNotIso8601AreRefused(String period) {
        assertThat(new ApiKeyRequest("crm", "crm", List.of(ApiKey.SCOPE_WRITE), new ApiKeyRequest.Rate(10, period)).problems())
                .extracting(FieldProblem::field).containsExactly("rateLimit.period");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.001S", "PT1S", "PT1M", "PT24H", "P1D"})
    void periodsFromOneMillisecondToOneDayAreAccepted(String period) {
        assertThat(new ApiKeyRequest("crm", "crm", List.of(ApiKey.SCOPE_WRITE), new ApiKeyRequest.Rate(1, period)).problems()).isEmpty();
    }
}
