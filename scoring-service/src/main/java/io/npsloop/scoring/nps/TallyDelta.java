package io.npsloop.scoring.nps;

import io.npsloop.contracts.Category;

/** A signed change to a tally: a revision takes one response out of a category and puts it into another. */
public record TallyDelta(long promoters, long passives, long detractors) {

    public static final TallyDelta NONE = new TallyDelta(0, 0, 0);

    public TallyDelta plus(Category category, long count) {
        return switch (category) {
            case PROMOTER -> new TallyDelta(promoters + count, passives, detractors);
            case PASSIVE -> new TallyDelta(promoters, passives + count, detractors);
            case DETRACTOR -> new TallyDelta(promoters, passives, detractors + count);
        };
    }

    public TallyDelta plus(TallyDelta other) {
        return new TallyDelta(promoters + other.promoters, passives + other.passives, detractors + other.detractors);
    }

    public boolean isZero() {
        return promoters == 0 && passives == 0 && detractors == 0;
    }
}
