package io.npsloop.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.reporting.projections.AlertFact;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.reporting.projections.Cases;
import io.npsloop.reporting.projections.DailyFigure;
import io.npsloop.reporting.projections.DailyFigures;
import io.npsloop.reporting.projections.DailyTotal;
import io.npsloop.reporting.projections.Outcome;
import io.npsloop.reporting.projections.Outcomes;
import io.npsloop.reporting.reports.Facts;

/** Projections held in lists, filled by a test directly; nothing is consumed. */
public final class InMemoryProjections implements Answers, Alerts, Cases, DailyFigures, Outcomes {

    public final List<Answer> answers = new ArrayList<>();
    public final List<AlertFact> alerts = new ArrayList<>();
    public final List<CaseFact> cases = new ArrayList<>();
    public final List<Outcome> outcomes = new ArrayList<>();

    /** The facts of these lists, with {@code dailyFigures} for the overview. */
    public Facts facts(DailyFigures dailyFigures, Clock clock, ZoneId zone) {
        return new Facts(this, this, this, dailyFigures, this, clock, zone);
    }

    public Facts facts(Clock clock, ZoneId zone) {
        return facts(this, clock, zone);
    }

    @Override
    public void saveAnswers(List<ResponseScored> scored) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Answer> answers() {
        return answers;
    }

    @Override
    public void saveAlerts(List<DetractorAlertRaised> raised) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AlertFact> alerts() {
        return alerts;
    }

    @Override
    public void applyCaseEvents(List<? extends Record> events) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CaseFact> cases() {
        return cases;
    }

    @Override
    public long casesIn(List<String> states) {
        return cases.stream().filter(c -> c.openedAt() != null && states.contains(c.state())).count();
    }

    @Override
    public void saveOutcomes(List<CustomerOutcomeRecorded> recorded) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Outcome> outcomes() {
        return outcomes;
    }

    @Override
    public void saveDailyFigures(List<DailyFigure> figures) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DailyTotal total(String dimension, String segment, LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException("no daily figures here");
    }
}
