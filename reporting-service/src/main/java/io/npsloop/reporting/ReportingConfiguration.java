package io.npsloop.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.reporting.insights.Reports;
import io.npsloop.reporting.insights.ReadModel;
import io.npsloop.reporting.insights.ThemeLexicon;
import io.npsloop.reporting.insights.Views;
import io.npsloop.reporting.overview.OverviewQuery;
import io.npsloop.reporting.overview.OverviewStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReportingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Reports reports(ReadModel model, Clock clock, ReportingProperties properties) {
        return new Reports(model, clock, properties.timeZone(), properties.dimensions(),
                new ThemeLexicon(properties.themes()), properties.controlArm(), properties.reportRules());
    }

    /**
     * The overview's distributions come from the daily figures; the answers are read only for a
     * window with days whose figures carry no score counts (kept before scoring published them).
     */
    @Bean
    OverviewQuery overviewQuery(OverviewStore store, Clock clock, ReportingProperties properties, Reports reports) {
        return new OverviewQuery(store, clock, properties.timeZone(), (LocalDate from, LocalDate to) -> {
            List<Long> counts = new ArrayList<>();
            for (Views.ScoreCount s : reports.distribution(from, to).scores()) {
                counts.add(s.count());
            }
            return counts;
        }, properties.reportRules().significance());
    }
}
