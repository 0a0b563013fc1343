package io.npsloop.scoring.nps;

import io.npsloop.contracts.Category;

/** The Net Promoter classification of a 0-10 answer: 9-10 promoter, 7-8 passive, 0-6 detractor. */
public final class Classification {

    private Classification() {
    }

    public static Category of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("A score is 0 to 10, got " + score);
        }
        if (score >= 9) {
            return Category.PROMOTER;
        }
        return score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
    }
}
