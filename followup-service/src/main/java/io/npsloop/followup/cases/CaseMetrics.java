package io.npsloop.followup.cases;

/**
 * What the follow-up work counts, for operators: cases opened, escalations and every recorded
 * action. Implemented at the edge with Micrometer; {@link #NONE} where nothing is counted.
 */
public interface CaseMetrics {

    CaseMetrics NONE = new CaseMetrics() {
        @Override
        public void opened(CaseKind kind, String queue) {
        }

        @Override
        public void escalated(String level) {
        }

        @Override
        public void transition(String action) {
        }
    };

    /** A new case (not a redelivered alert) was stored. */
    void opened(CaseKind kind, String queue);

    /** The SLA watch moved a case up; {@code level} is {@code lead} or {@code executive}. */
    void escalated(String level);

    /** A change was stored; {@code action} is the audit trail's {@code what} (CLAIM, MARK_OVERDUE, ...). */
    void transition(String action);
}
