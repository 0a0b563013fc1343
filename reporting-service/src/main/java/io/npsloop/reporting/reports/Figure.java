package io.npsloop.reporting.reports;

import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * An NPS figure with its counts and uncertainty. Every figure carries its n; every NPS its 95%
 * interval ({@code lower}, {@code upper}: the adjusted Wald interval of Rocks 2016, null when n is
 * 0), the plain standard error and margin of error of the first version, and {@code insufficient}
 * (n below the minimum sample size: shown as such, never called significant). Differences that are
 * undefined (against an empty figure) are null, never 0.
 */
public record Figure(long n, long promoters, long passives, long detractors, double nps, double standardError,
        double marginOfError, @Nullable Double lower, @Nullable Double upper, boolean insufficient) {

    public static Figure of(NpsTally tally, SignificanceRules rules) {
        NpsInterval interval = tally.interval();
        return new Figure(tally.n(), tally.promoters(), tally.passives(), tally.detractors(), tally.nps(),
                tally.standardError(), tally.marginOfError(), interval == null ? null : interval.lower(),
                interval == null ? null : interval.upper(), rules.insufficient(tally.n()));
    }
}
