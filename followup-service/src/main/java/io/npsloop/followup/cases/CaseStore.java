package io.npsloop.followup.cases;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The cases, each stored before its opening is published, with whether it was published yet. */
public interface CaseStore {

    /** Stores the case unless one for the same alert exists; returns the stored one either way. */
    StoredCase insertIfAbsent(FollowupCase followupCase);

    void markPublished(String caseId);

    @Nullable FollowupCase find(String caseId);

    /** Cases of a queue (any queue when null) in a state (any when null), most urgent first. */
    List<FollowupCase> queue(@Nullable String queue, @Nullable CaseState state, int limit);

    record StoredCase(FollowupCase followupCase, boolean published) {
    }
}
