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
 * Reads load whole projections: views are computed in memory, which bounds them by the size of the
 * projections (documented in the README).
 */
public interface ReadModel {

    void saveAnswer(ResponseScored scored);

    void saveAlert(DetractorAlertRaised alert);

    void caseOpened(CaseOpened event);

    void caseStatusChanged(CaseStatusChanged event);

    void contactAttempted(ContactAttempted event);

    void rootCauseCoded(RootCauseCoded event);

    void incentiveOffered(IncentiveOffered event);

    void loopClosed(LoopClosed event);

    void resurveyRequested(ResurveyRequested event);

    /** Advocacy tasks are kept apart from recovery cases: they never enter the funnel. */
    void advocacyTaskCreated(AdvocacyTaskCreated event);

    List<Answer> answers();

    List<AlertFact> alerts();

    List<CaseFact> cases();
}
