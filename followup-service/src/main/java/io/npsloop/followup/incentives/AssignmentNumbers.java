package io.npsloop.followup.incentives;

/**
 * Hands out each case's number within an experiment (0, 1, 2, ...) exactly once: asking again for
 * the same case returns the same number, so a retried offer keeps its arm.
 */
public interface AssignmentNumbers {

    long numberFor(String experimentId, String caseId);
}
