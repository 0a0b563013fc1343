package io.npsloop.statistics;

import io.npsloop.contracts.Category;

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
 */
public record NpsTally(long promoters, long passives, long detractors) {

    public static final NpsTally EMPTY = new NpsTally(0, 0, 0);

    /** The two-sided 95% quantile of the standard normal distribution. */
    public static final double Z_95 = 1.96;

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

    public NpsTally plus(NpsTally other) {
        return new NpsTally(promoters + other.promoters, passives + other.passives, detractors + other.detractors);
    }

    public NpsTally plus(Category category, long count) {
        return switch (category) {
            case PROMOTER -> new NpsTally(promoters + count, passives, detractors);
            case PASSIVE -> new NpsTally(promoters, passives + count, detractors);
            case DETRACTOR -> new NpsTally(promoters, passives, detractors + count);
        };
    }

    /**
     * Whether this figure and another differ at the 95% level. The two samples are independent, so
     * the standard error of the difference is the root of the summed squared standard errors.
     */
    public Comparison compareWith(NpsTally other) {
        double difference = nps() - other.nps();
        double combinedError = Z_95 * Math.sqrt(standardError() * standardError() + other.standardError() * other.standardError());
        boolean significant = n() > 0 && other.n() > 0 && Math.abs(difference) > combinedError;
        return new Comparison(difference, combinedError, significant);
    }

    /** The difference of two NPS figures, its 95% margin of error, and whether it exceeds that margin. */
    public record Comparison(double difference, double marginOfError, boolean significant) {
    }
}
