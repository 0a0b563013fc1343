package io.npsloop.reporting.projections;

import java.util.List;

import io.npsloop.contracts.ResponseScored;

/**
 * The answers projection, {@code latestRevisionWins}: one answer per response key
 * ({@code source|responseId}); a higher revision replaces it, an equal or lower one is ignored.
 * Reads load the whole projection: views are computed in memory (bounds in the README).
 */
public interface Answers {

    /**
     * Keeps the latest revision of each response; of two equal revisions the one kept or listed
     * first stays.
     */
    void saveAnswers(List<ResponseScored> scored);

    List<Answer> answers();
}
