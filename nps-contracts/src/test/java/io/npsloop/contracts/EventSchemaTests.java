package io.npsloop.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each event, as Spring Boot's default JSON mapper writes it, is valid against its JSON Schema; and
 * the schemas reject what the contract forbids, so a schema that accepted anything would fail here.
 */
class EventSchemaTests {

    static Stream<Arguments> events() {
        return EventSamples.all().stream().flatMap(event -> Stream.of(
                Arguments.of(event.getClass().getSimpleName(), event),
                Arguments.of(event.getClass().getSimpleName() + " without optionals",
                        RecordComponents.withNullablesCleared(event))));
    }

    static Stream<Class<? extends Record>> eventTypes() {
        return EventSchemas.EVENT_TYPES.keySet().stream();
    }

    static Stream<Class<? extends Record>> eventTypesWithCustomerId() {
        return eventTypes().filter(type -> RecordComponents.names(type).contains("customerId"));
    }

    static Stream<Class<? extends Record>> eventTypesWithAccountValue() {
        return eventTypes().filter(type -> RecordComponents.names(type).contains("accountValue"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventAsWrittenByTheDefaultMapperIsValid(String name, Record event) {
        assertThat(EventSchemas.validate(event.getClass(), json(event))).isEmpty();
    }

    @Test
    void defaultMapperWritesInstantsAsIsoStringsAndLocalDatesAsDays() {
        assertThat(EventSchemas.MAPPER.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)).isFalse();

        JsonNode submitted = json(EventSamples.responseSubmitted());
        assertThat(submitted.get("occurredAt").isString()).isTrue();
        assertThat(submitted.get("occurredAt").asString()).isEqualTo("2025-03-04T10:15:30Z");
        assertThat(submitted.get("receivedAt").asString()).isEqualTo("2025-03-04T10:15:31.123456789Z");

        JsonNode metrics = json(EventSamples.npsMetricsUpdated());
        assertThat(metrics.get("from").asString()).isEqualTo("2025-02-03");
        assertThat(metrics.get("to").asString()).isEqualTo("2025-03-04");
    }

    @Test
    void moneyIsWrittenAsADecimalString() {
        JsonNode amount = json(EventSamples.responseSubmitted()).get("accountValue").get("amount");

        assertThat(amount.isString()).isTrue();
        assertThat(amount.asString()).isEqualTo("1200.00");
    }

    @Test
    void scoreAboveTenIsRejected() {
        assertRejected(ResponseScored.class, json -> json.put("score", 11), "score");
        assertRejected(ResponseSubmitted.class, json -> json.put("score", 11), "score");
        assertRejected(DetractorAlertRaised.class, json -> json.put("score", 11), "score");
    }

    @Test
    void negativeScoreIsRejected() {
        assertRejected(ResponseSubmitted.class, json -> json.put("score", -1), "score");
    }

    @Test
    void fractionalScoreIsRejected() {
        assertRejected(ResponseSubmitted.class, json -> json.put("score", 7.5), "score");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void anotherEventsTypeIsRejected(Class<? extends Record> type) {
        String other = type.equals(ResponseScored.class) ? EventTypes.RESPONSE_SUBMITTED : EventTypes.RESPONSE_SCORED;

        assertRejected(type, json -> json.put("eventType", other), "eventType");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void unknownSchemaVersionIsRejected(Class<? extends Record> type) {
        assertRejected(type, json -> json.put("schemaVersion", 2), "schemaVersion");
    }

    @ParameterizedTest
    @MethodSource("eventTypesWithCustomerId")
    void missingCustomerIdIsRejected(Class<? extends Record> type) {
        assertRejected(type, json -> json.remove("customerId"), "customerId");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void emptyEventIdIsRejected(Class<? extends Record> type) {
        assertRejected(type, json -> json.put("eventId", ""), "eventId");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void nullInAComponentThatIsNotNullableIsRejected(Class<? extends Record> type) {
        for (String component : RecordComponents.nonNullable(type)) {
            assertRejected(type, json -> json.putNull(component), component);
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void missingComponentThatIsNotNullableIsRejected(Class<? extends Record> type) {
        for (String component : RecordComponents.nonNullable(type)) {
            assertRejected(type, json -> json.remove(component), component);
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypesWithAccountValue")
    void currencyThatIsNotThreeCapitalLettersIsRejected(Class<? extends Record> type) {
        for (String currency : List.of("eur", "EURO", "E1R", "")) {
            assertRejected(type, json -> accountValue(json).put("currency", currency), "currency");
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypesWithAccountValue")
    void amountAsAJsonNumberIsRejected(Class<? extends Record> type) {
        assertRejected(type, json -> accountValue(json).put("amount", new BigDecimal("1200.00")), "amount");
        assertRejected(type, json -> accountValue(json).put("amount", 1200.0), "amount");
    }

    @Test
    void amountThatIsNotAPlainDecimalIsRejected() {
        // BigDecimal.toString() writes a negative scale in exponent form ("1E+3", from
        // stripTrailingZeros() on 1000): producers must not send such amounts.
        for (String amount : List.of("1E+3", "12,50", "1.", ".5", "0012.50", "ten", "")) {
            assertRejected(ResponseSubmitted.class, json -> accountValue(json).put("amount", amount), "amount");
        }
    }

    @Test
    void missingAmountOrCurrencyIsRejected() {
        assertRejected(ResponseSubmitted.class, json -> accountValue(json).remove("amount"), "amount");
        assertRejected(ResponseSubmitted.class, json -> accountValue(json).remove("currency"), "currency");
    }

    @Test
    void malformedTimestampIsRejected() {
        for (String time : List.of("2025-03-04 10:15:30", "2025-03-04T10:15:30", "2025-13-04T10:15:30Z",
                "1741083330000", "yesterday")) {
            assertRejected(ResponseSubmitted.class, json -> json.put("occurredAt", time), "occurredAt");
        }
    }

    @Test
    void timestampAsEpochNumberIsRejected() {
        assertRejected(ResponseSubmitted.class, json -> json.put("occurredAt", 1741083330.0), "occurredAt");
    }

    @Test
    void malformedDateIsRejected() {
        for (String day : List.of("2025-02-30", "04/03/2025", "2025-03-04T00:00:00Z")) {
            assertRejected(NpsMetricsUpdated.class, json -> json.put("to", day), "to");
        }
    }

    @Test
    void unknownCategorySeverityOrOutcomeIsRejected() {
        assertRejected(ResponseScored.class, json -> json.put("category", "promoter"), "category");
        assertRejected(ResponseScored.class, json -> json.put("previousCategory", "NEUTRAL"), "previousCategory");
        assertRejected(DetractorAlertRaised.class, json -> json.put("severity", "LOW"), "severity");
        assertRejected(CaseOpened.class, json -> json.put("severity", "LOW"), "severity");
        assertRejected(CustomerOutcomeRecorded.class, json -> json.put("outcome", "cancelled"), "outcome");
        assertRejected(CustomerOutcomeRecorded.class, json -> json.put("outcome", "CHURNED"), "outcome");
    }

    @ParameterizedTest
    @ValueSource(classes = {ResponseSubmitted.class, CustomerOutcomeRecorded.class})
    void attributeValuesMustBeStrings(Class<? extends Record> type) {
        assertRejected(type, json -> ((ObjectNode) json.get("attributes")).put("seats", 12), "attributes");
    }

    @Test
    void contactMustBeAnObjectOfStrings() {
        assertRejected(ResponseSubmitted.class, json -> json.put("contact", "ada@example.com"), "contact");
        assertRejected(ResponseSubmitted.class, json -> ((ObjectNode) json.get("contact")).put("phone", 442079460000L),
                "phone");
    }

    @Test
    void npsFiguresOutsideTheirRangeAreRejected() {
        assertRejected(NpsMetricsUpdated.class, json -> json.put("nps", 100.5), "nps");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("nps", -101), "nps");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("n", -1), "n");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("marginOfError", -0.1), "marginOfError");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("period", "FORTNIGHT"), "period");
    }

    @Test
    void scoreCountsThatAreNotElevenNonNegativeIntegersAreRejected() {
        assertRejected(NpsMetricsUpdated.class, json -> scores(json).set(3, -1), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> scores(json).set(3, 1.5), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> scores(json).set(3, "4"), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> scores(json).add(0), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> scores(json).remove(10), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> json.putArray("scores"), "scores");
        assertRejected(NpsMetricsUpdated.class, json -> json.putObject("scores").put("9", 45), "scores");
    }

    @Test
    void intervalBoundsOutsideTheScaleOrOfTheWrongTypeAreRejected() {
        assertRejected(NpsMetricsUpdated.class, json -> json.put("lower", -100.5), "lower");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("upper", 101), "upper");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("upper", "45"), "upper");
        assertRejected(NpsMetricsUpdated.class, json -> json.put("insufficient", "no"), "insufficient");
    }

    @Test
    void figureWithoutIntervalFromAnEarlierProducerIsValid() {
        ObjectNode json = json(EventSamples.npsMetricsUpdated());
        json.remove("lower");
        json.remove("upper");
        json.remove("insufficient");
        assertThat(EventSchemas.validate(NpsMetricsUpdated.class, json)).isEmpty();

        json.putNull("lower");
        json.putNull("upper");
        json.putNull("insufficient");
        assertThat(EventSchemas.validate(NpsMetricsUpdated.class, json)).isEmpty();
    }

    @Test
    void figureWithoutScoreCountsFromAnEarlierProducerIsValid() {
        ObjectNode json = json(EventSamples.npsMetricsUpdated());
        json.remove("scores");
        assertThat(EventSchemas.validate(NpsMetricsUpdated.class, json)).isEmpty();

        json.putNull("scores");
        assertThat(EventSchemas.validate(NpsMetricsUpdated.class, json)).isEmpty();
    }

    @Test
    void npsOfAnEmptySegmentCannotTravelAsNaN() {
        // 0 / 0 is NaN, and Jackson writes a NaN double as the string "NaN": not a JSON number.
        LocalDate day = LocalDate.parse("2025-03-04");
        NpsMetricsUpdated empty = new NpsMetricsUpdated("e-1", EventTypes.NPS_METRICS_UPDATED, 1,
                EventSamples.ANSWERED, "r-1", "region", "EMEA", "DAY", day, day, 0, 0, 0, 0, Double.NaN,
                Double.NaN, Double.NaN, 1);

        assertThat(json(empty).get("nps").isString()).isTrue();
        assertThat(EventSchemas.validate(NpsMetricsUpdated.class, json(empty))).anyMatch(error -> isAbout(error, "nps"));
    }

    @Test
    void caseSequenceStartsAtOne() {
        assertRejected(CaseStatusChanged.class, json -> json.put("sequence", 0), "sequence");
    }

    @Test
    void erasureIdsAndNamesMustNotBeEmpty() {
        for (String field : List.of("erasureId", "customerId", "requestedBy")) {
            assertRejected(CustomerErasureRequested.class, json -> json.put(field, ""), field);
        }
        for (String field : List.of("erasureId", "service")) {
            assertRejected(CustomerErased.class, json -> json.put(field, ""), field);
        }
    }

    @Test
    void erasedCountsAreNonNegativeIntegers() {
        assertRejected(CustomerErased.class, json -> erased(json).put("alerts", -1), "erased");
        assertRejected(CustomerErased.class, json -> erased(json).put("alerts", 1.5), "erased");
        assertRejected(CustomerErased.class, json -> erased(json).put("alerts", "1"), "erased");
        assertRejected(CustomerErased.class, json -> erased(json).putNull("alerts"), "erased");
        assertRejected(CustomerErased.class, json -> json.putArray("erased").add(1), "erased");
    }

    @Test
    void receiptOfAServiceThatHeldNothingIsValid() {
        ObjectNode json = json(EventSamples.customerErased());
        json.putObject("erased");
        assertThat(EventSchemas.validate(CustomerErased.class, json)).isEmpty();

        erased(json).put("alerts", 0);
        assertThat(EventSchemas.validate(CustomerErased.class, json)).isEmpty();
    }

    @Test
    void outcomeValueIsNeverNegativeAndAlwaysMoney() {
        assertRejected(CustomerOutcomeRecorded.class, json -> value(json).put("amount", "-1200.00"), "amount");
        assertRejected(CustomerOutcomeRecorded.class, json -> value(json).put("amount", 1200), "amount");
        assertRejected(CustomerOutcomeRecorded.class, json -> value(json).put("currency", "eur"), "currency");
        assertRejected(CustomerOutcomeRecorded.class, json -> value(json).remove("currency"), "currency");
        assertRejected(CustomerOutcomeRecorded.class, json -> json.put("value", "1200.00 EUR"), "value");
    }

    @Test
    void outcomeReasonIsAShortCodeNotText() {
        for (String reason : List.of("Too expensive for us", "Price", "", "-price", "p".repeat(65))) {
            assertRejected(CustomerOutcomeRecorded.class, json -> json.put("reasonCode", reason), "reasonCode");
        }
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void fieldsAddedByANewerProducerAreAccepted(Class<? extends Record> type) {
        ObjectNode json = json(EventSamples.of(type));
        json.put("addedLater", "a field this schema version does not know");
        json.putObject("addedLaterObject").put("nested", 1);

        assertThat(EventSchemas.validate(type, json)).isEmpty();
    }

    private static void assertRejected(Class<? extends Record> type, Consumer<ObjectNode> change, String field) {
        ObjectNode json = json(EventSamples.of(type));
        change.accept(json);

        assertThat(EventSchemas.validate(type, json))
                .as("%s with %s changed: %s", type.getSimpleName(), field, json)
                .anyMatch(error -> isAbout(error, field));
    }

    /** The error points at the field, or names it as the missing property. */
    private static boolean isAbout(Error error, String field) {
        String location = error.getInstanceLocation().toString();
        return location.endsWith("/" + field) || location.contains("/" + field + "/")
                || field.equals(error.getProperty());
    }

    private static ArrayNode scores(ObjectNode json) {
        return (ArrayNode) json.get("scores");
    }

    private static ObjectNode erased(ObjectNode json) {
        return (ObjectNode) json.get("erased");
    }

    private static ObjectNode value(ObjectNode json) {
        return (ObjectNode) json.get("value");
    }

    private static ObjectNode accountValue(ObjectNode json) {
        return (ObjectNode) json.get("accountValue");
    }

    /** The event's wire form: written to JSON text and read back as a tree. */
    private static ObjectNode json(Record event) {
        return (ObjectNode) EventSchemas.MAPPER.readTree(EventSchemas.MAPPER.writeValueAsString(event));
    }
}
