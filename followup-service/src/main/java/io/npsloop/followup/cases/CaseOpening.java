package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Opens exactly one case per alert, and one advocacy task per promoter answer that matches the
 * advocacy rule. The case id derives from the alert id (or the response id), and the case is
 * stored together with its opening event in its outbox: a redelivered alert finds the case, and
 * only relays what is still pending, so the opening is published once (or, after a crash, again
 * with the same event id).
 */
public class CaseOpening {

    private final CaseStore store;
    private final OutboxRelay relay;
    private final CasePolicy policy;
    private final AdvocacyRule advocacyRule;
    private final CaseMetrics metrics;
    private final Clock clock;

    public CaseOpening(CaseStore store, OutboxRelay relay, CasePolicy policy, AdvocacyRule advocacyRule,
            CaseMetrics metrics, Clock clock) {
        this.store = store;
        this.relay = relay;
        this.policy = policy;
        this.advocacyRule = advocacyRule;
        this.metrics = metrics;
        this.clock = clock;
    }

    public FollowupCase open(DetractorAlertRaised alert) {
        Instant now = clock.instant();
        FollowupCase candidate = FollowupCase.Builder.empty()
                .caseId(caseId(alert.alertId()))
                .kind(CaseKind.RECOVERY)
                .alertId(alert.alertId())
                .responseId(alert.responseId())
                .customerId(alert.customerId())
                .accountId(alert.accountId())
                .contact(alert.contact())
                .score(alert.score())
                .comment(alert.comment())
                .severity(alert.severity())
                .queue(alert.ownerQueue())
                .priority(Priority.of(alert.severity(), alert.accountValue()))
                .state(CaseState.OPEN)
                .openedAt(now)
                .answeredAt(alert.occurredAt())
                .slaDueAt(alert.slaDueAt())
                .accountValue(alert.accountValue())
                .build();
        String eventId = CaseEventFactory.derivedId("opened", candidate.caseId());
        CaseOpened opened = new CaseOpened(eventId, EventTypes.CASE_OPENED, CaseOpened.SCHEMA_VERSION, now,
                candidate.caseId(), candidate.alertId(), candidate.responseId(), candidate.customerId(),
                candidate.accountId(), candidate.severity(), candidate.queue(), candidate.priority(),
                candidate.slaDueAt(), candidate.accountValue());
        FollowupCase stored = store.insertIfAbsent(candidate,
                List.of(CaseEventFactory.outgoing(candidate, eventId, EventTypes.CASE_OPENED, now, opened)));
        countIfNew(candidate, stored);
        relay.relay(stored.caseId());
        return stored;
    }

    /** Creates an advocacy task for a promoter answer the rule selects; null when it selects none. */
    public @Nullable FollowupCase openAdvocacy(ResponseScored scored) {
        Instant now = clock.instant();
        String task = advocacyRule.taskFor(scored);
        if (task == null) {
            return null;
        }
        FollowupCase candidate = FollowupCase.Builder.empty()
                .caseId(CaseEventFactory.derivedId("advocacy", scored.responseId()))
                .kind(CaseKind.ADVOCACY)
                .alertId(scored.eventId())
                .responseId(scored.responseId())
                .customerId(scored.customerId())
                .accountId(scored.accountId())
                .contact(scored.contact())
                .score(scored.score())
                .comment(scored.comment())
                .severity(Severity.NORMAL)
                .queue(advocacyRule.queue())
                .priority(Priority.of(Severity.NORMAL, scored.accountValue()))
                .state(CaseState.OPEN)
                .openedAt(now)
                .answeredAt(scored.occurredAt())
                .slaDueAt(now.plus(policy.advocacySla()))
                .accountValue(scored.accountValue())
                .sequence(1)
                .task(task)
                .build();
        String eventId = CaseEventFactory.eventId(candidate.caseId(), 1);
        AdvocacyTaskCreated created = new AdvocacyTaskCreated(eventId, EventTypes.ADVOCACY_TASK_CREATED,
                AdvocacyTaskCreated.SCHEMA_VERSION, now, candidate.caseId(), candidate.customerId(),
                candidate.responseId(), 1, candidate.queue(), task, candidate.score(), candidate.accountId(),
                candidate.slaDueAt());
        FollowupCase stored = store.insertIfAbsent(candidate,
                List.of(CaseEventFactory.outgoing(candidate, eventId, EventTypes.ADVOCACY_TASK_CREATED, now, created)));
        countIfNew(candidate, stored);
        relay.relay(stored.caseId());
        return stored;
    }

    /** A redelivery returns the case stored before, not the candidate: only new cases count. */
    private void countIfNew(FollowupCase candidate, FollowupCase stored) {
        if (stored == candidate) {
            metrics.opened(candidate.kind(), candidate.queue());
        }
    }

    static String caseId(String alertId) {
        return CaseEventFactory.derivedId("case", alertId);
    }
}
