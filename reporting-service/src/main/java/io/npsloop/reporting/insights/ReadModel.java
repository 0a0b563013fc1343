package io.npsloop.reporting.insights;

import java.util.List;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;

/**
 * The projections the views are computed from. Every write is idempotent:
 * <ul>
 * <li>{@code latestRevisionWins}: one answer per response key ({@code source|responseId}); a higher
 * revision replaces it, an equal or lower one is ignored.</li>
 * <li>{@code alertOnce}: one alert per alert id; a redelivered alert changes nothing.</li>
 * <li>{@code caseEventOnce}: one document per case holding the highest sequence applied; an event
 * with that sequence or a lower one is a redelivery and is ignored. Case opening is sequence 0.</li>
 * </ul>
 * Writes take a batch of events at a time and are idempotent per event, so a batch delivered again
 * with other boundaries changes nothing. Reads load whole projections: views are computed in memory,
 * which bounds them by the size of the projections (documented in the README).
 */
public interface ReadModel {

    /**
     * Keeps the latest revision of each response (latestRevisionWins); of two equal revisions the
     * one kept or listed first stays.
     */
    void saveAnswers(List<ResponseScored> scored);

    /** Keeps each alert once (alertOnce). */
    void saveAlerts(List<DetractorAlertRaised> alerts);

    /**
     * Applies case events in the order listed, each at most once per case sequence
     * (caseEventOnce): {@link CaseOpened}, {@link CaseStatusChanged}, {@link ContactAttempted},
     * {@link RootCauseCoded}, {@link IncentiveOffered}, {@link LoopClosed}, {@link ResurveyRequested}
     * and {@link AdvocacyTaskCreated} (advocacy tasks are kept apart from recovery cases: they never
     * enter the funnel). The result is the same as applying them one by one, whatever the batch's
     * boundaries.
     */
    void applyCaseEvents(List<? extends Record> events);

    List<Answer> answers();

    List<AlertFact> alerts();

    List<CaseFact> cases();
}
