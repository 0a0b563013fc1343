package io.npsloop.scoring.nps;

import java.time.LocalDate;

/**
 * The tally of one segment on one calendar day. Its id sorts by segment, then day (ISO dates sort
 * as text), so a date range of one segment is a range of ids.
 */
public record DayBucket(Segment segment, LocalDate day) {

    public String id() {
        return id(segment, day);
    }

    public static String id(Segment segment, LocalDate day) {
        return segment.key() + "|" + day;
    }
}
