package io.npsloop.scoring.nps;

import java.util.List;

/**
 * The values admitted per segment dimension. Admission is decided atomically by the store and is
 * permanent: a value once admitted stays admitted, and a dimension once full stays full, so asking
 * again for the same value (a redelivered record) always gets the same answer.
 */
public interface SegmentValues {

    /** Admits the value if it already is admitted or the dimension holds fewer than {@code cap} values. */
    boolean admit(String dimension, String value, int cap);

    /** The admitted values of a dimension, in no particular order. */
    List<String> admitted(String dimension);
}
