package io.npsloop.statistics;

import io.npsloop.contracts.Category;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.jspecify.annotations.Nullable;

/**
 * Counts of promoters, passives and detractors over a set of responses, and the statistics that
 * make an NPS figure honest: its standard error and 95% margin of error.
 *
 * <p>With n responses, p the promoter share and d the detractor share, each response contributes
 * +1, 0 or -1, so NPS/100 is the mean of a variable whose variance is
 * {@code p + d - (p - d)^2}. The standard error of the NPS (on the -100..100 scale) is
 * {@code 100 * sqrt(variance / n)}, and the 95% margin of error is 1.96 standard errors (normal
 * approximation). Source: the variance of a +1/0/-1 (trinomial) variable, derived for NPS in
 * cybaea.net, "NPS confidence intervals: stats" (2016: {@code Var = p(1-p) + d(1-d) + 2pd}, the
 * same expression expanded) and in the Cross Validated answer to "How can I calculate margin of
 * error in a NPS result?"; the worked examples of both are pinned in {@code NpsTallyTests}.
 *
 * <p>That plain (Wald) margin is kept for readers of the first fields, but it is not the interval
 * shown: at small n it covers the true NPS far less often than 95% (never at n = 1, where one
 * detractor reads "-100 ± 0"). {@link #interval()} is the adjusted Wald interval of Rocks (2016,
 * "Interval Estimation for the Net Promoter Score", The American Statistician 70(4); his R package
 * {@code NPS}): add 0.75 promoters, 1.5 passives and 0.75 detractors (3 pseudo-answers, about
 * z^2), compute the Wald interval on the adjusted shares with n + 3, clip to [-100, 100], from
 * {@link #EXACT_BELOW} answers on. Below that no approximation keeps its promise at lopsided shares,
 * so the interval is {@link #exactBoundInterval()}, which covers at least 95% by construction. The
 * exact coverage of both, by enumeration of every multinomial outcome, is pinned in
 * {@code NpsIntervalCoverageTests}. The point estimate stays the unadjusted {@link #nps()}.
 */
public record NpsTally(long promoters, long passives, long detractors) {

    public static final NpsTally EMPTY = new NpsTally(0, 0, 0);

    /** The two-sided 95% quantile of the standard normal distribution (1.95996...). */
    public static final double Z_95 = NormalDistribution.of(0, 1).inverseSurvivalProbability(0.025);

    /** Rocks' pseudo-answers: they sum to 3, and pull the shares towards 1/4, 1/2, 1/4. */
    public static final double PSEUDO_PROMOTERS = 0.75;
    public static final double PSEUDO_PASSIVES = 1.5;
    public static final double PSEUDO_DETRACTORS = 0.75;

    /** From this many answers on the interval is the adjusted Wald one; below, the exact-bound one. */
    public static final int EXACT_BELOW = 10;

    public NpsTally {
        if (promoters < 0 || passives < 0 || detractors < 0) {
            throw new IllegalArgumentException("Counts cannot be negative: " + promoters + "/" + passives + "/" + detractors);
        }
    }

    public static NpsTally of(Category category) {
        return EMPTY.plus(category, 1);
    }

    public long n() {
        return promoters + passives + detractors;
    }

    /** NPS from -100 to 100; 0 for an empty tally, which callers show together with n = 0. */
    public double nps() {
        long n = n();
        return n == 0 ? 0.0 : 100.0 * (promoters - detractors) / n;
    }

    public double variance() {
        long n = n();
        if (n == 0) {
            return 0.0;
        }
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        return p + d - (p - d) * (p - d);
    }

    public double standardError() {
        long n = n();
        return n == 0 ? 0.0 : 100.0 * Math.sqrt(variance() / n);
    }

    public double marginOfError() {
        return Z_95 * standardError();
    }

    /**
     * The 95% interval shown with this figure; null for an empty tally, which has no figure to bound:
     * {@link #adjustedWaldInterval()} from {@link #EXACT_BELOW} answers on, {@link #exactBoundInterval()}
     * below. Either may leave out {@link #nps()} at small n (one detractor: NPS -100): that is the
     * price of keeping the coverage.
     */
    public @Nullable NpsInterval interval() {
        return n() < EXACT_BELOW ? exactBoundInterval() : adjustedWaldInterval();
    }

    /**
     * The adjusted Wald 95% interval (Rocks 2016), clipped to [-100, 100]; null for an empty tally.
     * At small n it is pulled towards 0 (the pseudo-answers weigh as much as three real ones).
     */
    public @Nullable NpsInterval adjustedWaldInterval() {
        if (n() == 0) {
            return null;
        }
        double adjustedN = n() + PSEUDO_PROMOTERS + PSEUDO_PASSIVES + PSEUDO_DETRACTORS;
        double p = (promoters + PSEUDO_PROMOTERS) / adjustedN;
        double d = (detractors + PSEUDO_DETRACTORS) / adjustedN;
        double centre = 100.0 * (p - d);
        double margin = Z_95 * 100.0 * Math.sqrt(adjustedVariance() / adjustedN);
        return new NpsInterval(Math.max(-100.0, centre - margin), Math.min(100.0, centre + margin));
    }

    /**
     * A 95% interval that never covers less than 95%, whatever the shares and n: the exact
     * (Clopper-Pearson) 97.5% bounds of the promoter share and of the detractor share, combined as
     * {@code [lower(p) - upper(d), upper(p) - lower(d)]}. The true NPS falls outside only if one of
     * the two shares falls outside its bounds, which happens with probability at most 2.5% each
     * (Bonferroni), so at most 5% in all. Wide, as an honest interval of a handful of answers is;
     * null for an empty tally.
     */
    public @Nullable NpsInterval exactBoundInterval() {
        long n = n();
        if (n == 0) {
            return null;
        }
        double[] p = Proportions.clopperPearson(promoters, n, 0.025);
        double[] d = Proportions.clopperPearson(detractors, n, 0.025);
        return new NpsInterval(Math.max(-100.0, 100.0 * (p[0] - d[1])), Math.min(100.0, 100.0 * (p[1] - d[0])));
    }

    /** The plain Wald interval, nps ± 1.96 standard errors, clipped; only for comparison with {@link #interval()}. */
    public @Nullable NpsInterval waldInterval() {
        if (n() == 0) {
            return null;
        }
        return new NpsInterval(Math.max(-100.0, nps() - marginOfError()), Math.min(100.0, nps() + marginOfError()));
    }

    /**
     * The per-answer variance of the adjusted shares, never zero: unanimous answers (one promoter, or
     * forty) still leave room for the next answer to differ, which the comparisons need.
     */
    public double adjustedVariance() {
        double adjustedN = n() + PSEUDO_PROMOTERS + PSEUDO_PASSIVES + PSEUDO_DETRACTORS;
        double p = (promoters + PSEUDO_PROMOTERS) / adjustedN;
        double d = (detractors + PSEUDO_DETRACTORS) / adjustedN;
        return p + d - (p - d) * (p - d);
    }

    public NpsTally plus(NpsTally other) {
        return new NpsTally(promoters + other.promoters, passives + other.passives, detractors + other.detractors);
    }

    /** The tally of the answers of this one that are not in {@code part}, which must be part of it. */
    public NpsTally minus(NpsTally part) {
        return new NpsTally(promoters - part.promoters, passives - part.passives, detractors - part.detractors);
    }

    public NpsTally plus(Category category, long count) {
        return switch (category) {
            case PROMOTER -> new NpsTally(promoters + count, passives, detractors);
            case PASSIVE -> new NpsTally(promoters, passives + count, detractors);
            case DETRACTOR -> new NpsTally(promoters, passives, detractors + count);
        };
    }

    /** The difference of this figure and another with its test; see {@link NpsDifference}. */
    public NpsDifference compareWith(NpsTally other) {
        return NpsDifference.between(this, other);
    }
}
