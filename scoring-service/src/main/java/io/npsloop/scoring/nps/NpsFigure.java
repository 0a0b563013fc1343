package io.npsloop.scoring.nps;

import io.npsloop.statistics.NpsTally;
import java.time.LocalDate;

/** An NPS figure as shown to a user: never without its n and its margin of error. */
public record NpsFigure(String dimension, String segment, LocalDate from, LocalDate to, long n, long promoters,
        long passives, long detractors, double nps, double standardError, double marginOfError) {

    public static NpsFigure of(Segment segment, LocalDate from, LocalDate to, NpsTally tally) {
        return new NpsFigure(segment.dimension(), segment.value(), from, to, tally.n(), tally.promoters(),
                tally.passives(), tally.detractors(), tally.nps(), tally.standardError(), tally.marginOfError());
    }
}
