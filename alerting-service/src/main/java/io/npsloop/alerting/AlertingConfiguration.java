package io.npsloop.alerting;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.npsloop.alerting.alerts.AlertEvents;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.alerting.alerts.CustomerAlerts;
import io.npsloop.alerting.alerts.OpenAlertWindow;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.alerting.notifications.Backoff;
import io.npsloop.alerting.notifications.ChannelRouting;
import io.npsloop.alerting.notifications.NotificationDispatcher;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.alerting.notifications.NotificationSender;
import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.alerting.notifications.WebhookSignature;
import io.npsloop.alerting.notifications.http.HttpNotificationSender;
import io.npsloop.alerting.notifications.mail.MailNotificationSender;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.NotificationTarget.Channel;
import io.npsloop.alerting.rules.ChurnRiskCatalog;
import io.npsloop.alerting.rules.ChurnRiskStore;
import io.npsloop.alerting.rules.RuleCatalog;
import io.npsloop.alerting.rules.RuleManagement;
import io.npsloop.alerting.rules.RuleRepository;
import io.npsloop.alerting.rules.RuleValidation;
import io.npsloop.contracts.Money;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain-Java alerting, rules and notification classes to their adapters and settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AlertingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboundUrlPolicy outboundUrlPolicy(AlertingProperties properties) {
        return new OutboundUrlPolicy(properties.notifications().hosts(), properties.notifications().allowLoopbackHttp());
    }

    @Bean
    RuleValidation ruleValidation(OutboundUrlPolicy policy) {
        return new RuleValidation(policy::problem);
    }

    @Bean
    RuleCatalog ruleCatalog(RuleRepository repository) {
        return new RuleCatalog(repository);
    }

    /** Loaded before any record is consumed, so the first batch already reads the latest churn model. */
    @Bean
    ChurnRiskCatalog churnRiskCatalog(ChurnRiskStore store) {
        ChurnRiskCatalog catalog = new ChurnRiskCatalog(store);
        catalog.refresh();
        return catalog;
    }

    /** Seeds the configured default rules on first start and loads the catalog before any record is consumed. */
    @Bean
    RuleManagement ruleManagement(RuleRepository repository, RuleCatalog catalog, RuleValidation validation,
            AlertingProperties properties, Clock clock) {
        RuleManagement management = new RuleManagement(repository, catalog, validation, clock);
        AlertingProperties.Rules rules = properties.rules();
        management.seedDefaults(DefaultRules.standard(properties.defaultQueue(), properties.executiveQueue(),
                new Money(rules.highValueAmount(), rules.highValueCurrency()), rules.criticalSla(), rules.highSla(),
                rules.normalSla(), rules.targets()));
        return management;
    }

    @Bean
    OpenAlertWindow openAlertWindow(AlertingProperties properties) {
        return new OpenAlertWindow(Duration.ofDays(properties.rules().openAlertDays()));
    }

    @Bean
    AlertRaising alertRaising(RuleManagement seeded, RuleCatalog catalog, AlertStore store, CustomerAlerts customers,
            ScoredResponses scored, NotificationOutbox outbox, AlertEvents events, OpenAlertWindow window, Clock clock,
            ChurnRiskCatalog churn) {
        return new AlertRaising(catalog::current, store, customers, scored, outbox, events, window, clock, churn::current);
    }

    @Bean(destroyMethod = "close")
    HttpNotificationSender httpNotificationSender(OutboundUrlPolicy policy, AlertingProperties properties,
            JsonMapper json, Clock clock) {
        AlertingProperties.Notifications notifications = properties.notifications();
        WebhookSignature signature = notifications.webhookSecret() == null || notifications.webhookSecret().isBlank()
                ? null : new WebhookSignature(notifications.webhookSecret());
        return new HttpNotificationSender(policy, signature, json, notifications.connectTimeout(),
                notifications.responseTimeout(), clock);
    }

    @Bean
    NotificationDispatcher notificationDispatcher(NotificationOutbox outbox, HttpNotificationSender http,
            ObjectProvider<JavaMailSender> mail, AlertingProperties properties, Clock clock) {
        AlertingProperties.Notifications notifications = properties.notifications();
        JavaMailSender smtp = mail.getIfAvailable();
        // Without spring.mail.host there is no SMTP server: email notifications fail for good instead of retrying.
        NotificationSender email = smtp == null
                ? notification -> NotificationSender.Outcome.refused("no SMTP server is configured (spring.mail.host)")
                : new MailNotificationSender(smtp, notifications.mailFrom());
        ChannelRouting routing = new ChannelRouting(Map.of(Channel.WEBHOOK, http, Channel.SLACK, http, Channel.EMAIL, email));
        return new NotificationDispatcher(outbox, routing,
                new Backoff(notifications.initialBackoff(), notifications.maxBackoff(), notifications.maxAttempts()),
                notifications.lease(), notifications.batchSize(), clock);
    }
}
