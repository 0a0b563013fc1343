package io.npsloop.followup.cases;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;

/**
 * Opens exactly one case per alert. The case id derives from the alert id; the case is stored
 * before its opening is published, so a redelivered alert either finds a published case and does
 * nothing or finishes an interrupted publication.
 */
public class CaseOpening {

    private final CaseStore store;
    private final CaseEvents events;
    private final Clock clock;

    public CaseOpening(CaseStore store, CaseEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public FollowupCase open(DetractorAlertRaised alert) {
        FollowupCase candidate = new FollowupCase(
                caseId(alert.alertId()),
                alert.alertId(),
                alert.responseId(),
                alert.customerId(),
                alert.accountId(),
                alert.contact(),
                alert.score(),
                alert.comment(),
                alert.severity(),
                alert.ownerQueue(),
                Priority.of(alert.severity(), alert.accountValue()),
                CaseState.OPEN,
                clock.instant(),
                alert.slaDueAt(),
                alert.accountValue());
        CaseStore.StoredCase stored = store.insertIfAbsent(candidate);
        FollowupCase opened = stored.followupCase();
        if (!stored.published()) {
            events.opened(new CaseOpened(
                    derivedId("opened", opened.caseId()),
                    EventTypes.CASE_OPENED,
                    CaseOpened.SCHEMA_VERSION,
                    opened.openedAt(),
                    opened.caseId(),
                    opened.alertId(),
                    opened.responseId(),
                    opened.customerId(),
                    opened.accountId(),
                    opened.severity(),
                    opened.queue(),
                    opened.priority(),
                    opened.slaDueAt(),
                    opened.accountValue()));
            store.markPublished(opened.caseId());
        }
        return opened;
    }

    static String caseId(String alertId) {
        return derivedId("case", alertId);
    }

    private static String derivedId(String kind, String id) {
        return UUID.nameUUIDFromBytes((kind + "|" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
