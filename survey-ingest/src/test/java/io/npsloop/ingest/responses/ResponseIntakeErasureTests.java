package io.npsloop.ingest.responses;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Contact;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Responses about customers erased before (or while) they come in. */
class ResponseIntakeErasureTests {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySubmissionLedger<ResponseSubmitted> ledger = new InMemorySubmissionLedger<>();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final ErasedOnRecord erased = new ErasedOnRecord();
    private final ResponseIntake intake = new ResponseIntake(ledger, publisher, IntakeMetrics.NONE, erased, clock, LEASE);

    @Test
    void aResponseAboutAnErasedCustomerIsPublishedAndKeptUnderThePseudonymWithoutContactOrComment() {
        erased.now.put("c-9", "erased-e1");

        IntakeResult result = intake.accept("crm", response("r-1", "c-9"), null);

        assertThat(result.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        ResponseSubmitted event = publisher.published().get(0);
        assertThat(event.customerId()).isEqualTo("erased-e1");
        assertThat(event.accountId()).isEqualTo("erased-e1");
        assertThat(event.contact()).isNull();
        assertThat(event.comment()).isNull();
        assertThat(event.attributes()).isEqualTo(Map.of("region", "EMEA", "ref", "erased-e1"));
        assertThat(event.score()).as("it still counts").isEqualTo(2);
        assertThat(event.channel()).isEqualTo("email");
        assertThat(event.accountValue().amount()).isEqualByComparingTo("1200.50");
        assertThat(ledger.find(Submission.key("crm", "r-1")).orElseThrow().event()).isEqualTo(event);
        assertThat(event.toString()).doesNotContain("c-9", "Ada", "ada@example.com", "parcel");
        assertThat(erased.checkedAgain).as("a customer known to be erased needs no second look").isEmpty();
    }

    @Test
    void theSameBodySentAgainAfterTheErasureIsStillACopy() {
        intake.accept("crm", response("r-1", "c-9"), null);
        erased.now.put("c-9", "erased-e1");

        IntakeResult again = intake.accept("crm", response("r-1", "c-9"), null);

        assertThat(again.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void aCustomerErasedWhileTheirResponseIsStoredIsErasedAgainAfterTheWrite() {
        erased.afterFirstLookUp.put("c-9", "erased-e2");

        intake.accept("crm", response("r-1", "c-9"), null);

        assertThat(publisher.published().get(0).customerId()).as("the look-up came first").isEqualTo("c-9");
        assertThat(erased.erasedAgain).containsExactly("c-9");
    }

    @Test
    void aResponseLeftPendingByABrokerOutageIsErasedAgainToo() {
        erased.afterFirstLookUp.put("c-9", "erased-e2");
        publisher.brokerDown(true);

        assertThatThrownBy(() -> intake.accept("crm", response("r-1", "c-9"), null)).isInstanceOf(EventNotPublishedException.class);

        assertThat(erased.erasedAgain).containsExactly("c-9");
    }

    @Test
    void customersNotErasedAreCheckedAgainAfterTheWriteAndLeftAlone() {
        intake.accept("crm", response("r-1", "c-1"), null);

        assertThat(erased.checkedAgain).containsExactly(List.of("c-1"));
        assertThat(erased.erasedAgain).isEmpty();
        assertThat(publisher.published().get(0).contact()).isNotNull();
    }

    @Test
    void aBatchLooksItsCustomersUpOnceAndPseudonymisesOnlyTheErased() {
        erased.now.put("c-9", "erased-e1");

        List<IntakeOutcome> outcomes = intake.acceptAll("crm", List.of(response("r-1", "c-9"), response("r-2", "c-1"),
                response("r-3", "c-9")));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.result().status()).isEqualTo(IntakeResult.Status.ACCEPTED));
        assertThat(erased.lookUps).containsExactly(List.of("c-9", "c-1"));
        assertThat(publisher.published()).extracting(ResponseSubmitted::customerId)
                .containsExactlyInAnyOrder("erased-e1", "c-1", "erased-e1");
        assertThat(publisher.published()).filteredOn(event -> event.customerId().equals("erased-e1"))
                .allSatisfy(event -> assertThat(event.contact()).isNull());
        assertThat(erased.checkedAgain).containsExactly(List.of("c-1"));
    }

    @Test
    void aPseudonymisedResponseKeepsWhatFiguresNeedAndDropsAttributesNamedAsPersonalData() {
        NewResponse response = response("r-1", "c-9");

        NewResponse kept = response.pseudonymised("erased-e1");

        assertThat(kept).isEqualTo(new NewResponse("r-1", "s-1", "erased-e1", "erased-e1", null, 2, null, "email", "checkout",
                response.respondedAt(), Map.of("region", "EMEA", "ref", "erased-e1"), new BigDecimal("1200.50"), "EUR", 1));
    }

    private static NewResponse response(String responseId, String customerId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("region", "EMEA");
        attributes.put("ref", customerId);
        attributes.put("email", "ada@example.com");
        return new NewResponse(responseId, "s-1", customerId, customerId, new Contact("Ada", "ada@example.com", "+44 20 7946 0000"), 2,
                "parcel never came", "email", "checkout", Instant.parse("2026-03-01T09:00:00Z"), attributes, new BigDecimal("1200.50"),
                "EUR", 1);
    }

    /** Erased customers as the erasure consumer records them; a customer may be put on record between two look-ups. */
    static final class ErasedOnRecord implements Pseudonyms {

        final Map<String, String> now = new HashMap<>();
        final Map<String, String> afterFirstLookUp = new HashMap<>();
        final List<List<String>> lookUps = new ArrayList<>();
        final List<List<String>> checkedAgain = new ArrayList<>();
        final List<String> erasedAgain = new ArrayList<>();

        @Override
        public Map<String, String> of(Collection<String> customerIds) {
            lookUps.add(List.copyOf(customerIds));
            Map<String, String> found = found(customerIds);
            now.putAll(afterFirstLookUp);
            return found;
        }

        @Override
        public void eraseIfErased(Collection<String> customerIds) {
            checkedAgain.add(List.copyOf(customerIds));
            found(customerIds).keySet().forEach(erasedAgain::add);
        }

        private Map<String, String> found(Collection<String> customerIds) {
            Map<String, String> found = new LinkedHashMap<>();
            customerIds.stream().filter(now::containsKey).forEach(id -> found.put(id, now.get(id)));
            return found;
        }
    }
}
