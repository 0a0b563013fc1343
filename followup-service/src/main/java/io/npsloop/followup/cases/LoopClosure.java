package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResponseScored;

/**
 * Closes the loop: the customer's next answer after a recovery case's alert (a different response,
 * given later) is recorded on the case with the transition, once. A redelivered answer finds it
 * recorded and changes nothing. Then the answer may open an advocacy task.
 */
public class LoopClosure {

    private final CaseStore store;
    private final CaseWork work;
    private final CaseOpening opening;
    private final Clock clock;

    public LoopClosure(CaseStore store, CaseWork work, CaseOpening opening, Clock clock) {
        this.store = store;
        this.work = work;
        this.opening = opening;
        this.clock = clock;
    }

    public void answered(ResponseScored scored) {
        for (FollowupCase current : store.ofCustomer(scored.customerId())) {
            if (current.kind() == CaseKind.RECOVERY && current.answer() == null
                    && !current.responseId().equals(scored.responseId())
                    && scored.occurredAt().isAfter(current.answeredAt())) {
                record(current, scored);
            }
        }
        opening.openAdvocacy(scored);
    }

    private void record(FollowupCase current, ResponseScored scored) {
        Instant now = clock.instant();
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
        work.commit(CaseWork.change(current, null, "RECORD_ANSWER", Actor.SYSTEM, now, "next answer " + scored.score() + ", " + transition,
                b -> b.answer(answer),
                List.of((after, sequence) -> {
                    String id = CaseEventFactory.eventId(after.caseId(), sequence);
                    return CaseEventFactory.outgoing(after, id, EventTypes.LOOP_CLOSED, now, new LoopClosed(id,
                            EventTypes.LOOP_CLOSED, LoopClosed.SCHEMA_VERSION, now, after.caseId(), after.customerId(),
                            after.responseId(), sequence, after.queue(), current.score(), previous,
                            scored.responseId(), scored.score(), scored.category(), transition, scored.occurredAt()));
                })));
    }
}
