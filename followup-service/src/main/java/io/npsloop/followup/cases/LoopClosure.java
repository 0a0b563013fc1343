package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResponseScored;

/**
 * Closes the loop: the customer's next answer after a recovery case's alert (a different response,
 * given later) is recorded on the case with the transition, once. A redelivered answer finds it
 * recorded and changes nothing. Then the answer may open an advocacy task.
 * <p>
 * A batch of answers reads its customers' cases once, decides answer by answer in order (a
 * customer's second answer in the batch finds the case the first one closed), and writes the
 * recorded answers and the new tasks together ({@link CaseBatch}).
 */
public class LoopClosure {

    private final CaseStore store;
    private final OutboxRelay relay;
    private final CaseOpening opening;
    private final CaseMetrics metrics;
    private final Clock clock;

    public LoopClosure(CaseStore store, OutboxRelay relay, CaseOpening opening, CaseMetrics metrics, Clock clock) {
        this.store = store;
        this.relay = relay;
        this.opening = opening;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void answered(ResponseScored scored) {
        answeredAll(List.of(scored));
    }

    public void answeredAll(List<ResponseScored> answers) {
        Instant now = clock.instant();
        Set<String> customers = new LinkedHashSet<>();
        answers.forEach(scored -> customers.add(scored.customerId()));
        CaseBatch batch = CaseBatch.onCustomers(store, relay, metrics, store.ofCustomers(customers));
        Set<String> notToContact = opening.notToContact(customers);
        for (ResponseScored scored : answers) {
            for (FollowupCase current : batch.casesOf(scored.customerId())) {
                if (current.kind() == CaseKind.RECOVERY && current.answer() == null
                        && !current.responseId().equals(scored.responseId())
                        && scored.occurredAt().isAfter(current.answeredAt())) {
                    batch.change(record(current, scored, now));
                }
            }
            CaseStore.NewCase task = opening.advocacyTask(scored, now, notToContact);
            if (task != null) {
                batch.open(task);
            }
        }
        batch.commit();
    }

    private static CaseChange record(FollowupCase current, ResponseScored scored, Instant now) {
        Category before = Category.DETRACTOR;
        if (current.score() >= 9) {
            before = Category.PROMOTER;
        } else if (current.score() >= 7) {
            before = Category.PASSIVE;
        }
        String transition = before + "->" + scored.category();
        FollowupAnswer answer = new FollowupAnswer(scored.responseId(), scored.score(), scored.category(), transition,
                scored.occurredAt());
        Category previous = before;
        return CaseWork.change(current, null, "RECORD_ANSWER", Actor.SYSTEM, now, "next answer " + scored.score() + ", " + transition,
                c -> c.withAnswer(answer),
                List.of((after, sequence) -> {
                    String id = CaseEventFactory.eventId(after.caseId(), sequence);
                    return CaseEventFactory.outgoing(after, id, EventTypes.LOOP_CLOSED, now, new LoopClosed(id,
                            EventTypes.LOOP_CLOSED, LoopClosed.SCHEMA_VERSION, now, after.caseId(), after.customerId(),
                            after.responseId(), sequence, after.queue(), current.score(), previous,
                            scored.responseId(), scored.score(), scored.category(), transition, scored.occurredAt()));
                }));
    }
}
