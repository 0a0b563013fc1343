package io.npsloop.scoring.nps;

/** One slice of the responses: a dimension (channel, region...) and its value; {@code overall/all} is everything. */
public record Segment(String dimension, String value) {

    public static final Segment OVERALL = new Segment("overall", "all");

    /** A stable key: dimension and value joined by a separator that neither may contain. */
    public String key() {
        return dimension + "|" + value;
    }
}
