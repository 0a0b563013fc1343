package io.npsloop.reporting;

import java.time.Clock;

import io.npsloop.platform.messaging.EventSender;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.Cases;
import io.npsloop.reporting.projections.DailyFigures;
import io.npsloop.reporting.projections.Outcomes;
import io.npsloop.reporting.reports.ChurnReport;
import io.npsloop.reporting.reports.ChurnRiskModel;
import io.npsloop.reporting.reports.Facts;
import io.npsloop.reporting.reports.Report;
import io.npsloop.reporting.reports.ReportSettings;
import io.npsloop.reporting.reports.ThemeLexicon;
import io.npsloop.reporting.reports.messaging.ChurnRiskPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reports are plain classes; every {@link Report} in the reports package becomes a bean by this
 * scan (its one constructor takes {@link Facts}, {@link ReportSettings} or other reports), and the
 * HTTP handler serves each at its path. A new report needs no line here.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ComponentScan(basePackageClasses = Report.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Report.class))
class ReportingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Facts facts(Answers answers, Alerts alerts, Cases cases, DailyFigures dailyFigures, Outcomes outcomes, Clock clock,
            ReportingProperties properties) {
        return new Facts(answers, alerts, cases, dailyFigures, outcomes, clock, properties.timeZone());
    }

    @Bean
    ChurnRiskModel churnRiskModel(ChurnReport churn, Facts facts, ReportSettings settings, ReportingProperties properties) {
        return new ChurnRiskModel(churn, facts, settings.themes(), properties.churn().modelPeriod());
    }

    @Bean
    ChurnRiskPublisher churnRiskPublisher(ChurnRiskModel model, EventSender sender) {
        return new ChurnRiskPublisher(model, sender);
    }

    @Bean
    ReportSettings reportSettings(ReportingProperties properties) {
        return new ReportSettings(properties.dimensions(), new ThemeLexicon(properties.themes()), properties.controlArm(),
                properties.reportRules(), properties.churnRules());
    }
}
