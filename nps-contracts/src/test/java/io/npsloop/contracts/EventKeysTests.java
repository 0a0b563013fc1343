package io.npsloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Every event is an {@link Event} under the key its topic is documented with, and the one id recipe. */
class EventKeysTests {

    @Test
    void everyEventRecordIsAnEventWhoseIdTypeAndTimeAreItsFields() {
        for (Record sample : EventSamples.all()) {
            assertThat(sample).as(sample.getClass().getSimpleName()).isInstanceOf(Event.class);
            Event event = (Event) sample;
            assertThat(event.eventId()).isNotBlank();
            assertThat(EventSchemas.EVENT_TYPES.get(sample.getClass())).isEqualTo(event.eventType());
            assertThat(event.occurredAt()).isNotNull();
        }
    }

    @Test
    void eachEventTravelsUnderTheKeyOfItsTopic() {
        for (Record sample : EventSamples.all()) {
            Event event = (Event) sample;
            String expected;
            if (sample instanceof NpsMetricsUpdated figure) {
                expected = figure.dimension() + "|" + figure.segment() + "|" + figure.period() + "|" + figure.to();
            } else if (sample instanceof CustomerErasureRequested request) {
                expected = request.erasureId();
            } else if (sample instanceof CustomerErased receipt) {
                expected = receipt.erasureId();
            } else if (sample instanceof ChurnRiskUpdated) {
                expected = "churn-risk";
            } else {
                expected = customerId(sample);
            }
            assertThat(event.key()).as(sample.getClass().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void derivedIdsAreNameBasedUuidsOfThePartsJoinedByABar() {
        assertThat(EventIds.derived("scored", "webshop|r-1001", 2))
                .isEqualTo(UUID.nameUUIDFromBytes("scored|webshop|r-1001|2".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(EventIds.derived("5b0e9c43-2f6d-4a8e-9c1b-7e3d2a6f8b15", "alerting-service"))
                .as("the receipt of the sample erasure").isEqualTo(EventSamples.customerErased().eventId());
        assertThat(EventIds.derived("a", "b")).isNotEqualTo(EventIds.derived("b", "a")).isNotEqualTo(EventIds.derived("ab"));
    }

    private static String customerId(Record sample) {
        try {
            return (String) sample.getClass().getMethod("customerId").invoke(sample);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(sample.getClass().getSimpleName() + " has no customer id", e);
        }
    }
}
