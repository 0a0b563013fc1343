package io.npsloop.scoring.nps;

import io.npsloop.contracts.ResponseSubmitted;

/** A submitted response as scoring reads it, with its place in the input topic. */
public record ScoringInput(ResponseSubmitted event, int partition, long offset) {

    /** {@code partition:offset}, what a stored response remembers as the record that was applied. */
    public String position() {
        return partition + ":" + offset;
    }
}
