package io.npsloop.followup.cases;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order agents see their queue in: call-backs due now first (the customer asked for that
 * time), then priority (highest first), then SLA due time (earliest first), then case id so the
 * order is stable.
 */
public final class WorkQueueOrder {

    private WorkQueueOrder() {
    }

    public static Comparator<FollowupCase> at(Instant now) {
        Comparator<FollowupCase> callbackDue = Comparator.comparing(c -> !isCallbackDue(c, now));
        return callbackDue
                .thenComparing(Comparator.comparingInt(FollowupCase::priority).reversed())
                .thenComparing(FollowupCase::slaDueAt)
                .thenComparing(FollowupCase::caseId);
    }

    static boolean isCallbackDue(FollowupCase c, Instant now) {
        return c.callbackAt() != null && !c.callbackAt().isAfter(now);
    }
}
