package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.Answer;

/** How many answers gave each score from 0 to 10 in a range; also the overview's fallback distribution. */
public final class DistributionReport implements Report<DayRange, DistributionReport.Distribution>, ScoreDistributions {

    public record ScoreCount(int score, long count) {
    }

    public record Distribution(LocalDate from, LocalDate to, long n, List<ScoreCount> scores) {
    }

    private final Facts facts;

    public DistributionReport(Facts facts) {
        this.facts = facts;
    }

    @Override
    public String path() {
        return "distribution";
    }

    @Override
    public DayRange query(Parameters parameters) {
        return parameters.range();
    }

    @Override
    public Distribution compute(DayRange range) {
        long[] counts = new long[11];
        List<Answer> answers = facts.answersBetween(range);
        for (Answer a : answers) {
            counts[a.score()]++;
        }
        List<ScoreCount> scores = new ArrayList<>();
        for (int s = 0; s <= 10; s++) {
            scores.add(new ScoreCount(s, counts[s]));
        }
        return new Distribution(range.from(), range.to(), answers.size(), scores);
    }

    /** One row per score. */
    @Override
    public Export.Table export(DayRange range, Distribution view) {
        return new Export.Table(ScoreCount.class, view.scores());
    }

    @Override
    public List<Long> between(LocalDate from, LocalDate to) {
        List<Long> counts = new ArrayList<>();
        for (ScoreCount s : compute(new DayRange(from, to)).scores()) {
            counts.add(s.count());
        }
        return counts;
    }
}
