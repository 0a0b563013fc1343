package io.npsloop.reporting.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.reporting.projections.AlertFact;
import io.npsloop.reporting.projections.CaseFact;
import org.jspecify.annotations.Nullable;

/**
 * The funnel alerts, cases, contacted, resolved, re-surveyed, converted, per team and per owner.
 * A case's SLA is due once it is contacted or its due time has passed; it is met when the first
 * contact came at or before the due time.
 */
public final class FollowupReport implements Report<DayRange, FollowupReport.Funnel> {

    /** Share of time-to-first-contact values at or below the reported high percentile. */
    static final double P90 = 0.9;

    /**
     * One row of the follow-up funnel, for a team (queue) or an owner (agent). Alerts belong to
     * queues, not to agents, so {@code alerts} is null on owner rows. Times are in seconds.
     */
    public record FunnelRow(String group, String key, @Nullable Long alerts, long cases, long contacted, long resolved,
            long resurveyed, long convertedToPassive, long convertedToPromoter, @Nullable Long medianSecondsToFirstContact,
            @Nullable Long p90SecondsToFirstContact, long slaDue, long slaMet, double slaCompliance) {
    }

    public record Funnel(LocalDate from, LocalDate to, FunnelRow total, List<FunnelRow> byTeam, List<FunnelRow> byOwner) {
    }

    private final Facts facts;

    public FollowupReport(Facts facts) {
        this.facts = facts;
    }

    @Override
    public String path() {
        return "followup";
    }

    @Override
    public DayRange query(Parameters parameters) {
        return parameters.range();
    }

    @Override
    public Funnel compute(DayRange range) {
        Map<String, Long> alertsByTeam = new TreeMap<>();
        List<AlertFact> alerts = facts.alertsBetween(range);
        for (AlertFact a : alerts) {
            alertsByTeam.merge(a.queue(), 1L, Long::sum);
        }
        List<CaseFact> cases = facts.casesOpenedBetween(range);
        Instant now = facts.now();
        FunnelRow total = row("total", "all", (long) alerts.size(), cases, now);
        Map<String, List<CaseFact>> byTeam = group(cases, c -> c.queue() == null ? "unknown" : c.queue());
        Set<String> teams = new TreeSet<>(byTeam.keySet());
        teams.addAll(alertsByTeam.keySet());
        List<FunnelRow> teamRows = new ArrayList<>();
        for (String team : teams) {
            teamRows.add(row("team", team, alertsByTeam.getOrDefault(team, 0L), byTeam.getOrDefault(team, List.of()), now));
        }
        List<FunnelRow> ownerRows = new ArrayList<>();
        group(cases, c -> c.owner() == null ? "unassigned" : c.owner())
                .forEach((owner, list) -> ownerRows.add(row("owner", owner, null, list, now)));
        return new Funnel(range.from(), range.to(), total, teamRows, ownerRows);
    }

    /** The total, then the teams, then the owners. */
    @Override
    public Export.Table export(DayRange range, Funnel view) {
        List<FunnelRow> rows = new ArrayList<>();
        rows.add(view.total());
        rows.addAll(view.byTeam());
        rows.addAll(view.byOwner());
        return new Export.Table(FunnelRow.class, rows);
    }

    private static <K extends Comparable<K>> Map<K, List<CaseFact>> group(List<CaseFact> cases, Function<CaseFact, K> key) {
        Map<K, List<CaseFact>> groups = new TreeMap<>();
        for (CaseFact c : cases) {
            groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    private static FunnelRow row(String group, String key, @Nullable Long alerts, List<CaseFact> cases, Instant now) {
        long contacted = 0;
        long resolved = 0;
        long resurveyed = 0;
        long toPassive = 0;
        long toPromoter = 0;
        long slaDue = 0;
        long slaMet = 0;
        List<Long> seconds = new ArrayList<>();
        for (CaseFact c : cases) {
            if (c.firstContactAt() != null) {
                contacted++;
                if (c.openedAt() != null) {
                    seconds.add(Duration.between(c.openedAt(), c.firstContactAt()).getSeconds());
                }
            }
            if (c.resolved()) {
                resolved++;
            }
            if (c.resurveyCategory() != null) {
                resurveyed++;
            }
            if (c.resurveyCategory() == Category.PASSIVE) {
                toPassive++;
            }
            if (c.resurveyCategory() == Category.PROMOTER) {
                toPromoter++;
            }
            if (c.slaDueAt() != null && (c.firstContactAt() != null || c.slaDueAt().isBefore(now))) {
                slaDue++;
                if (c.firstContactAt() != null && !c.firstContactAt().isAfter(c.slaDueAt())) {
                    slaMet++;
                }
            }
        }
        seconds.sort(Comparator.naturalOrder());
        return new FunnelRow(group, key, alerts, cases.size(), contacted, resolved, resurveyed, toPassive, toPromoter,
                Percentiles.nearestRank(seconds, 0.5), Percentiles.nearestRank(seconds, P90), slaDue, slaMet,
                slaDue == 0 ? 0.0 : (double) slaMet / slaDue);
    }
}
