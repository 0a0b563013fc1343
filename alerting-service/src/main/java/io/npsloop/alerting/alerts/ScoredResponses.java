package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.ResponseScored;

/**
 * A bounded projection of the scored responses this service received, kept for dry runs of
 * proposed rules; entries older than the retention are evicted by a scheduled job.
 */
public interface ScoredResponses {

    /**
     * Stores the responses in one write: a later revision of a response replaces what is stored,
     * and of two copies of one response in the call the later one is kept.
     */
    void recordAll(List<ResponseScored> responses);

    /** Responses answered at or after {@code from}, in answer-time order. */
    List<ResponseScored> answeredSince(Instant from);

    /** Deletes responses answered before {@code cutoff}; returns how many. */
    long evictAnsweredBefore(Instant cutoff);
}
