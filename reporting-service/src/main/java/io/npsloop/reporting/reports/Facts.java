package io.npsloop.reporting.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.AlertFact;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.reporting.projections.Cases;
import io.npsloop.reporting.projections.DailyFigures;
import io.npsloop.reporting.projections.Outcome;
import io.npsloop.reporting.projections.Outcomes;
import io.npsloop.statistics.NpsTally;

/**
 * The projections as the reports read them. Days are calendar days in the reporting time zone;
 * ranges are inclusive of both ends. Answers fall in the day of their event time, cases in the day
 * they were opened, alerts in the day they were raised, outcomes in the day they took effect.
 */
public final class Facts {

    private final Answers answers;
    private final Alerts alerts;
    private final Cases cases;
    private final DailyFigures dailyFigures;
    private final Outcomes outcomes;
    private final Clock clock;
    private final ZoneId zone;

    public Facts(Answers answers, Alerts alerts, Cases cases, DailyFigures dailyFigures, Outcomes outcomes, Clock clock,
            ZoneId zone) {
        this.answers = answers;
        this.alerts = alerts;
        this.cases = cases;
        this.dailyFigures = dailyFigures;
        this.outcomes = outcomes;
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public List<Answer> answersBetween(DayRange range) {
        List<Answer> in = new ArrayList<>();
        for (Answer a : answers.answers()) {
            if (range.contains(day(a.occurredAt()))) {
                in.add(a);
            }
        }
        return in;
    }

    public List<AlertFact> alertsBetween(DayRange range) {
        List<AlertFact> in = new ArrayList<>();
        for (AlertFact a : alerts.alerts()) {
            if (range.contains(day(a.occurredAt()))) {
                in.add(a);
            }
        }
        return in;
    }

    public List<AlertFact> alerts() {
        return alerts.alerts();
    }

    public List<CaseFact> cases() {
        return cases.cases();
    }

    public List<CaseFact> casesOpenedBetween(DayRange range) {
        List<CaseFact> in = new ArrayList<>();
        for (CaseFact c : cases.cases()) {
            if (c.openedAt() != null && range.contains(day(c.openedAt()))) {
                in.add(c);
            }
        }
        return in;
    }

    /** Cases opened by an alert now in one of the states. */
    public long casesIn(List<String> states) {
        return cases.casesIn(states);
    }

    public List<Answer> answers() {
        return answers.answers();
    }

    public boolean anyOutcome() {
        return outcomes.any();
    }

    public List<Outcome> outcomes() {
        return outcomes.outcomes();
    }

    public DailyFigures dailyFigures() {
        return dailyFigures;
    }

    public static NpsTally tally(List<Answer> answers, Predicate<Answer> which) {
        NpsTally t = NpsTally.EMPTY;
        for (Answer a : answers) {
            if (which.test(a)) {
                t = t.plus(a.category(), 1);
            }
        }
        return t;
    }

    public static NpsTally tally(List<Answer> answers) {
        return tally(answers, a -> true);
    }
}
