package io.npsloop.scoring.nps;

import java.time.LocalDate;

import io.npsloop.statistics.DayRange;
import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * An NPS figure as shown to a user: never without its n and its 95% interval. {@code lower} and
 * {@code upper} are the adjusted Wald interval (Rocks 2016, see nps-statistics), null when n is 0;
 * {@code standardError} and {@code marginOfError} are the plain Wald figures, kept for earlier
 * readers. {@code insufficient} is true below the minimum sample size: such a figure is shown as
 * such and never called significantly different from another.
 */
public record NpsFigure(String dimension, String segment, LocalDate from, LocalDate to, long n, long promoters,
        long passives, long detractors, double nps, double standardError, double marginOfError, @Nullable Double lower,
        @Nullable Double upper, boolean insufficient) {

    public static NpsFigure of(Segment segment, DayRange range, NpsTally tally, SignificanceRules rules) {
        NpsInterval interval = tally.interval();
        return new NpsFigure(segment.dimension(), segment.value(), range.from(), range.to(), tally.n(), tally.promoters(),
                tally.passives(), tally.detractors(), tally.nps(), tally.standardError(), tally.marginOfError(),
                interval == null ? null : interval.lower(), interval == null ? null : interval.upper(),
                rules.insufficient(tally.n()));
    }

    public NpsTally tally() {
        return new NpsTally(promoters, passives, detractors);
    }
}
