package io.npsloop.followup.cases;

import io.npsloop.contracts.CaseOpened;

/** Where case changes go; returns only once the broker has the event. */
public interface CaseEvents {

    void opened(CaseOpened event);
}
