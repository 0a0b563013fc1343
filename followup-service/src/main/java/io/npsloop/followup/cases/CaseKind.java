package io.npsloop.followup.cases;

/** Why a case exists: to win back a detractor, or to ask a promoter for a review or a referral. */
public enum CaseKind {
    RECOVERY, ADVOCACY
}
