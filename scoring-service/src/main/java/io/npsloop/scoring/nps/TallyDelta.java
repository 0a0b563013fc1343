package io.npsloop.scoring.nps;

import io.npsloop.contracts.Category;

/**
 * A signed change to a tally: a revision takes one response out of a category and a score and puts
 * it into another. The score counts change in the same guarded write as the categories, so they are
 * applied exactly as often.
 */
public record TallyDelta(long promoters, long passives, long detractors, ScoreCounts scores) {

    public static final TallyDelta NONE = new TallyDelta(0, 0, 0, ScoreCounts.NONE);

    /** A change to the categories alone. */
    public TallyDelta(long promoters, long passives, long detractors) {
        this(promoters, passives, detractors, ScoreCounts.NONE);
    }

    /** {@code count} answers of the score more (or fewer, if negative): its category and its score count. */
    public TallyDelta plus(int score, long count) {
        TallyDelta categories = plus(Classification.of(score), count);
        return new TallyDelta(categories.promoters, categories.passives, categories.detractors, scores.plus(score, count));
    }

    public TallyDelta plus(Category category, long count) {
        return switch (category) {
            case PROMOTER -> new TallyDelta(promoters + count, passives, detractors, scores);
            case PASSIVE -> new TallyDelta(promoters, passives + count, detractors, scores);
            case DETRACTOR -> new TallyDelta(promoters, passives, detractors + count, scores);
        };
    }

    public TallyDelta plus(TallyDelta other) {
        return new TallyDelta(promoters + other.promoters, passives + other.passives, detractors + other.detractors,
                scores.plus(other.scores));
    }

    public boolean isZero() {
        return promoters == 0 && passives == 0 && detractors == 0 && scores.isZero();
    }
}
