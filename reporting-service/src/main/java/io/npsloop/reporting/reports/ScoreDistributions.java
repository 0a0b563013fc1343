package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.util.List;

/** How many answers gave each score from 0 to 10 (index = score) between two days, inclusive. */
@FunctionalInterface
public interface ScoreDistributions {

    List<Long> between(LocalDate from, LocalDate to);
}
