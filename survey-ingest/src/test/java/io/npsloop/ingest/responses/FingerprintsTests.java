package io.npsloop.ingest.responses;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.npsloop.contracts.Contact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTests {

    @Test
    void attributeOrderDoesNotChangeTheFingerprint() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("region", "EMEA");
        one.put("plan", "pro");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("plan", "pro");
        other.put("region", "EMEA");

        assertThat(Fingerprints.of(withAttributes(one))).isEqualTo(Fingerprints.of(withAttributes(other)));
    }

    @Test
    void responseIdAndRevisionAreNotPartOfTheBody() {
        NewResponse first = ResponseIntakeTests.response("r-1", 9, "great", 1);
        NewResponse second = ResponseIntakeTests.response("r-2", 9, "great", 7);

        assertThat(Fingerprints.of(first)).isEqualTo(Fingerprints.of(second));
    }

    @Test
    void valuesShiftedBetweenFieldsGiveDifferentFingerprints() {
        NewResponse a = new NewResponse("r", null, "c", "ab", null, 5, "c", null, null, null, Map.of(), null, null, 1);
        NewResponse b = new NewResponse("r", null, "c", "a", null, 5, "bc", null, null, null, Map.of(), null, null, 1);

        assertThat(Fingerprints.of(a)).isNotEqualTo(Fingerprints.of(b));
    }

    @Test
    void everyFieldOfTheBodyCounts() {
        NewResponse base = new NewResponse("r", "s", "c", "a", new Contact("Ada", "ada@example.com", null), 5, "ok", "web", "t",
                null, Map.of("k", "v"), new BigDecimal("10.00"), "EUR", 1);
        NewResponse otherAmount = new NewResponse("r", "s", "c", "a", new Contact("Ada", "ada@example.com", null), 5, "ok", "web",
                "t", null, Map.of("k", "v"), new BigDecimal("10.01"), "EUR", 1);
        NewResponse otherEmail = new NewResponse("r", "s", "c", "a", new Contact("Ada", "ada@example.org", null), 5, "ok", "web",
                "t", null, Map.of("k", "v"), new BigDecimal("10.00"), "EUR", 1);

        assertThat(Fingerprints.of(base)).isNotEqualTo(Fingerprints.of(otherAmount)).isNotEqualTo(Fingerprints.of(otherEmail));
    }

    private static NewResponse withAttributes(Map<String, String> attributes) {
        return new NewResponse("r", null, "c", null, null, 5, null, null, null, null, attributes, null, null, 1);
    }
}
