package io.npsloop.reporting.projections;

import java.util.List;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;

/**
 * The follow-up cases projection, {@code caseEventOnce}: one document per case holding the highest
 * sequence applied; an event with that sequence or a lower one is a redelivery and is ignored. Case
 * opening is sequence 0. The funnel, root causes, experiments, revenue at risk and the overview's
 * open cases all read this one projection.
 */
public interface Cases {

    /**
     * Applies case events in the order listed, each at most once per case sequence:
     * {@link CaseOpened}, {@link CaseStatusChanged}, {@link ContactAttempted}, {@link RootCauseCoded},
     * {@link IncentiveOffered}, {@link LoopClosed}, {@link ResurveyRequested} and
     * {@link AdvocacyTaskCreated} (advocacy tasks are kept apart from recovery cases: they never
     * enter the funnel). The result is the same as applying them one by one, whatever the batch's
     * boundaries.
     */
    void applyCaseEvents(List<? extends Record> events);

    /** The recovery cases (advocacy tasks left out). */
    List<CaseFact> cases();

    /** Cases opened by an alert (advocacy tasks and cases never opened here left out) now in one of the states. */
    long casesIn(List<String> states);
}
