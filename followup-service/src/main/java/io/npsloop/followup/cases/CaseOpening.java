package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import org.jspecify.annotations.Nullable;

/**
 * Opens exactly one case per alert, and one advocacy task per promoter answer that matches the
 * advocacy rule. The case id derives from the alert id (or the response id), and the case is
 * stored together with its opening event in its outbox: a redelivered alert finds the case, and
 * only relays what is still pending, so the opening is published once (or, after a crash, again
 * with the same event id). A batch of alerts is opened with one read and one write
 * ({@link CaseBatch}); a single alert is a batch of one.
 */
public class CaseOpening {

    private final CaseStore store;
    private final OutboxRelay relay;
    private final CasePolicy policy;
    private final AdvocacyRule advocacyRule;
    private final DoNotContactRegister doNotContact;
    private final CaseMetrics metrics;
    private final Clock clock;

    public CaseOpening(CaseStore store, OutboxRelay relay, CasePolicy policy, AdvocacyRule advocacyRule,
            DoNotContactRegister doNotContact, CaseMetrics metrics, Clock clock) {
        this.store = store;
        this.relay = relay;
        this.policy = policy;
        this.advocacyRule = advocacyRule;
        this.doNotContact = doNotContact;
        this.metrics = metrics;
        this.clock = clock;
    }

    public FollowupCase open(DetractorAlertRaised alert) {
        return openAll(List.of(alert)).get(0);
    }

    /**
     * Opens the cases of a batch of alerts: one read of the cases their ids name, one bulk insert of
     * the new ones, their openings published together. Returns the case of each alert, in order (an
     * alert twice in the batch gets the same case).
     */
    public List<FollowupCase> openAll(List<DetractorAlertRaised> alerts) {
        Instant now = clock.instant();
        Set<String> ids = new LinkedHashSet<>();
        alerts.forEach(alert -> ids.add(caseId(alert.alertId())));
        CaseBatch batch = CaseBatch.on(store, relay, metrics, store.findAll(ids));
        for (DetractorAlertRaised alert : alerts) {
            batch.open(recovery(alert, now));
        }
        Map<String, FollowupCase> stored = batch.commit();
        return alerts.stream().map(alert -> stored.get(caseId(alert.alertId()))).toList();
    }

    private static CaseStore.NewCase recovery(DetractorAlertRaised alert, Instant now) {
        FollowupCase candidate = FollowupCase.opened(caseId(alert.alertId()), CaseKind.RECOVERY, alert.alertId(),
                alert.responseId(), alert.customerId(), alert.accountId(), alert.contact(), alert.score(),
                alert.comment(), alert.severity(), Objects.requireNonNullElse(alert.matchedRules(), List.of()),
                alert.ownerQueue(), Priority.of(alert.severity(), alert.accountValue()), now, alert.occurredAt(),
                alert.slaDueAt(), alert.accountValue(), 0, null);
        String eventId = CaseEventFactory.derivedId("opened", candidate.caseId());
        CaseOpened opened = new CaseOpened(eventId, EventTypes.CASE_OPENED, CaseOpened.SCHEMA_VERSION, now,
                candidate.caseId(), candidate.alertId(), candidate.responseId(), candidate.customerId(),
                candidate.accountId(), candidate.severity(), candidate.queue(), candidate.priority(),
                candidate.slaDueAt(), candidate.accountValue());
        return new CaseStore.NewCase(candidate,
                List.of(CaseEventFactory.outgoing(candidate, eventId, EventTypes.CASE_OPENED, now, opened)));
    }

    /** Creates an advocacy task for a promoter answer the rule selects; null when it selects none. */
    public @Nullable FollowupCase openAdvocacy(ResponseScored scored) {
        CaseStore.NewCase task = advocacyTask(scored, clock.instant(), notToContact(List.of(scored.customerId())));
        if (task == null) {
            return null;
        }
        CaseBatch batch = CaseBatch.on(store, relay, metrics, store.findAll(List.of(task.followupCase().caseId())));
        batch.open(task);
        return batch.commit().get(task.followupCase().caseId());
    }

    /** Which of these customers are on the do-not-contact list: one read per batch of answers. */
    Set<String> notToContact(Collection<String> customerIds) {
        return doNotContact.listed(customerIds);
    }

    /**
     * The advocacy task a promoter answer opens (its id derives from the response id); null when the
     * rule selects none, or when the customer is on the do-not-contact list ({@code notToContact}): an
     * advocacy task is nothing but a request to contact them. (A recovery case is opened all the
     * same: its answer counts, and the case shows the mark.)
     */
    CaseStore.@Nullable NewCase advocacyTask(ResponseScored scored, Instant now, Set<String> notToContact) {
        String task = advocacyRule.taskFor(scored);
        if (task == null || notToContact.contains(scored.customerId())) {
            return null;
        }
        FollowupCase candidate = FollowupCase.opened(advocacyCaseId(scored.responseId()), CaseKind.ADVOCACY,
                scored.eventId(), scored.responseId(), scored.customerId(), scored.accountId(), scored.contact(),
                scored.score(), scored.comment(), Severity.NORMAL, List.of(), advocacyRule.queue(),
                Priority.of(Severity.NORMAL, scored.accountValue()), now, scored.occurredAt(),
                now.plus(policy.advocacySla()), scored.accountValue(), 1, task);
        String eventId = CaseEventFactory.eventId(candidate.caseId(), 1);
        AdvocacyTaskCreated created = new AdvocacyTaskCreated(eventId, EventTypes.ADVOCACY_TASK_CREATED,
                AdvocacyTaskCreated.SCHEMA_VERSION, now, candidate.caseId(), candidate.customerId(),
                candidate.responseId(), 1, candidate.queue(), task, candidate.score(), candidate.accountId(),
                candidate.slaDueAt());
        return new CaseStore.NewCase(candidate,
                List.of(CaseEventFactory.outgoing(candidate, eventId, EventTypes.ADVOCACY_TASK_CREATED, now, created)));
    }

    static String advocacyCaseId(String responseId) {
        return CaseEventFactory.derivedId("advocacy", responseId);
    }

    static String caseId(String alertId) {
        return CaseEventFactory.derivedId("case", alertId);
    }
}
