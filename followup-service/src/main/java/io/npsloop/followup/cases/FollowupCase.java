package io.npsloop.followup.cases;

import java.time.Instant;

import io.npsloop.contracts.Contact;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/** A follow-up case: who to contact about which answer, how urgently, and where it stands. */
public record FollowupCase(
        String caseId,
        String alertId,
        String responseId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        @Nullable String comment,
        Severity severity,
        String queue,
        int priority,
        CaseState state,
        Instant openedAt,
        Instant slaDueAt,
        @Nullable Money accountValue) {
}
