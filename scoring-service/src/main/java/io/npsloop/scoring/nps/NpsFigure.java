package io.npsloop.scoring.nps;

import java.time.LocalDate;

import io.npsloop.statistics.NpsTally;

/** An NPS figure as shown to a user: never without its n and its margin of error. */
public record NpsFigure(String dimension, String segment, LocalDate from, LocalDate to, long n, long promoters,
        long passives, long detractors, double nps, double standardError, double marginOfError) {

    public static NpsFigure of(Segment segment, DayRange range, NpsTally tally) {
        return new NpsFigure(segment.dimension(), segment.value(), range.from(), range.to(), tally.n(), tally.promoters(),
                tally.passives(), tally.detractors(), tally.nps(), tally.standardError(), tally.marginOfError());
    }

    public NpsTally tally() {
        return new NpsTally(promoters, passives, detractors);
    }
}
