package io.npsloop.statistics;

/** A 95% interval for an NPS, in NPS points, inside [-100, 100]. */
public record NpsInterval(double lower, double upper) {

    public NpsInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("Interval bounds out of order: " + lower + " > " + upper);
        }
    }

    public boolean contains(double nps) {
        return lower <= nps && nps <= upper;
    }
}
