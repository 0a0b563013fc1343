package io.npsloop.reporting.projections;

import java.util.List;

import io.npsloop.contracts.CustomerOutcomeRecorded;

/**
 * The outcomes projection, {@code outcomeOnce}: one outcome per {@code source|outcomeId}; an outcome is
 * recorded once and never revised, so a redelivery, or the same outcome posted again under another
 * event id, changes nothing.
 */
public interface Outcomes {

    void saveOutcomes(List<CustomerOutcomeRecorded> outcomes);

    List<Outcome> outcomes();

    /** Whether any outcome was recorded, without reading them all. */
    default boolean any() {
        return !outcomes().isEmpty();
    }
}
