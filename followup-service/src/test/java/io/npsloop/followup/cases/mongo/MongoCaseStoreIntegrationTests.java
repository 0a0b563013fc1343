package io.npsloop.followup.cases.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.cases.AuditEntry;
import io.npsloop.followup.cases.CaseChange;
import io.npsloop.followup.cases.CaseKind;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.OutgoingEvent;
import io.npsloop.infra.LocalMongoServer;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's batch operations on the wire-compatible store through the real driver: an unordered
 * insert that skips existing cases, guarded bulk changes that tell which cases moved on, reads by
 * {@code _id} with {@code $in}, and outbox entries removed together.
 */
class MongoCaseStoreIntegrationTests {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00.123456Z");

    private static LocalMongoServer mongo;
    private static MongoClient client;

    private final MongoCaseStore store = new MongoCaseStore(client.getDatabase("cases_" + System.nanoTime()),
            new JsonDocuments(JsonMapper.builder().build()));

    @BeforeAll
    static void start() {
        mongo = LocalMongoServer.inMemory(0);
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void insertAllStoresTheNewCasesOnceAndSkipsThoseStoredBefore() {
        CaseStore.NewCase a = opened("a", "c-1");
        CaseStore.NewCase b = opened("b", "c-1");
        CaseStore.NewCase c = opened("c", "c-2");

        assertThat(store.insertAll(List.of(a, b))).containsExactly("a", "b");
        assertThat(store.insertAll(List.of(b, c, a))).containsExactly("c");

        Map<String, CaseStore.Stored> found = store.findAll(List.of("a", "b", "c", "unknown"));
        assertThat(found).containsOnlyKeys("a", "b", "c");
        assertThat(found.get("a").pending()).extracting(OutgoingEvent::eventId).containsExactly("ev-a");
        assertThat(store.find("a").matchedRules()).as("the alert's rules, read back").containsExactly("super-detractor", "high-value");
        assertThat(store.ofCustomers(List.of("c-1", "c-2", "c-3")))
                .hasEntrySatisfying("c-1", cases -> assertThat(cases).extracting(s -> s.current().caseId()).containsExactly("a", "b"))
                .hasEntrySatisfying("c-2", cases -> assertThat(cases).extracting(s -> s.current().caseId()).containsExactly("c"))
                .doesNotContainKey("c-3");
    }

    @Test
    void applyAllAppliesTheChangesWhoseCasesStayedAndNamesOnlyThose() {
        store.insertAll(List.of(opened("a", "c-1"), opened("b", "c-1"), opened("c", "c-2")));
        FollowupCase a = store.find("a");
        FollowupCase b = store.find("b");
        FollowupCase c = store.find("c");
        // Someone else changes b first, with the same kind of change at the same time.
        assertThat(store.apply(claim(b, "grace"))).isTrue();

        Set<String> applied = store.applyAll(List.of(claim(a, "ada"), claim(b, "ada"), claim(c, "ada")));

        assertThat(applied).containsExactlyInAnyOrder("a", "c");
        assertThat(store.find("a").claimedBy()).isEqualTo("ada");
        assertThat(store.find("b").claimedBy()).isEqualTo("grace");
        assertThat(store.applyAll(List.of(claim(c, "grace")))).as("a change made from a stale read").isEmpty();
        assertThat(store.find("c").claimedBy()).isEqualTo("ada");
    }

    @Test
    void acknowledgeAllRemovesThePublishedEventsOfEachCase() {
        store.insertAll(List.of(opened("a", "c-1"), opened("b", "c-1")));
        assertThat(store.apply(claim(store.find("a"), "ada"))).isTrue();

        store.acknowledgeAll(Map.of("a", List.of("ev-a"), "b", List.of("ev-b")));

        assertThat(store.pending("a")).extracting(OutgoingEvent::eventId).containsExactly("ev-a-1");
        assertThat(store.pending("b")).isEmpty();
        assertThat(store.withPendingEvents(NOW.plusSeconds(60))).containsExactly("a");
    }

    private static CaseStore.NewCase opened(String caseId, String customerId) {
        FollowupCase c = FollowupCase.opened(caseId, CaseKind.RECOVERY, "al-" + caseId, "r-" + caseId, customerId, null,
                null, 2, null, Severity.HIGH, List.of("super-detractor", "high-value"), "customer-care", 2, NOW, NOW,
                NOW.plusSeconds(3600), new Money(new BigDecimal("50.00"), "EUR"), 0, null);
        CaseOpened payload = new CaseOpened("ev-" + caseId, EventTypes.CASE_OPENED, CaseOpened.SCHEMA_VERSION, NOW, caseId,
                c.alertId(), c.responseId(), customerId, null, c.severity(), c.queue(), c.priority(), c.slaDueAt(), c.accountValue());
        return new CaseStore.NewCase(c, List.of(new OutgoingEvent("ev-" + caseId, EventTypes.CASE_OPENED, customerId, NOW, payload)));
    }

    /** A claim as the domain writes it (the same audit entry for the same agent at the same time), with one event. */
    private static CaseChange claim(FollowupCase before, String agent) {
        AuditEntry audit = new AuditEntry(agent, "CLAIM", NOW, before.state().name(), "CLAIMED", null);
        FollowupCase after = before.withClaim(agent, null).recorded(CaseState.CLAIMED, before.sequence(), audit);
        OutgoingEvent event = new OutgoingEvent("ev-" + before.caseId() + "-1", EventTypes.CASE_OPENED, before.customerId(), NOW,
                ((CaseOpened) opened(before.caseId(), before.customerId()).events().get(0).payload()));
        return new CaseChange(before, after, audit, List.of(event));
    }
}
