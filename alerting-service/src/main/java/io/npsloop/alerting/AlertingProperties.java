package io.npsloop.alerting;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.rules.NotificationTarget;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting settings. Every property is listed in the module README.
 *
 * @param defaultQueue the team queue that owns the default rules' alerts
 * @param executiveQueue the queue critical default rules escalate to ("reply from the top")
 * @param rules the default rule set and how rules are applied
 * @param notifications how alerts are sent out
 * @param dryRun the projection of scored responses kept for dry runs
 */
@ConfigurationProperties("nps.alerting")
public record AlertingProperties(
        @DefaultValue("customer-care") String defaultQueue,
        @DefaultValue("executive") String executiveQueue,
        @DefaultValue Rules rules,
        @DefaultValue Notifications notifications,
        @DefaultValue DryRun dryRun) {

    /**
     * @param highValueAmount account value from which a detractor is critical (decimal, never a float)
     * @param highValueCurrency the currency of that amount; accounts in other currencies never match
     * @param criticalSla first-contact SLA of the critical default rules
     * @param highSla first-contact SLA of the high default rule
     * @param normalSla first-contact SLA of the normal default rule
     * @param defaultTargets notification targets of the default rules
     * @param refreshInterval how often the in-memory rules are reloaded (changes made through another instance)
     * @param openAlertDays a customer's answer within this many days of the answer that raised their alert joins it; 0 turns merging off
     */
    public record Rules(
            @DefaultValue("10000") BigDecimal highValueAmount,
            @DefaultValue("EUR") String highValueCurrency,
            @DefaultValue("PT4H") Duration criticalSla,
            @DefaultValue("PT24H") Duration highSla,
            @DefaultValue("PT48H") Duration normalSla,
            @Nullable List<NotificationTarget> defaultTargets,
            @DefaultValue("PT30S") Duration refreshInterval,
            @DefaultValue("7") int openAlertDays) {

        public List<NotificationTarget> targets() {
            return defaultTargets == null ? List.of() : defaultTargets;
        }
    }

    /**
     * @param dispatchInterval how often the outbox is drained
     * @param batchSize notifications taken per run
     * @param maxAttempts attempts before a notification is marked FAILED
     * @param initialBackoff wait after the first failure; doubles per failure
     * @param maxBackoff the longest wait between attempts
     * @param lease how long a claimed notification is hidden from other dispatchers
     * @param webhookSecret Standard Webhooks secret ({@code whsec_} + base64 of 24+ random bytes); webhooks are not sent without it
     * @param allowedHosts hosts webhooks may go to: exact names or {@code *.example.com}
     * @param allowLoopbackHttp development and tests only: allow http and loopback addresses
     * @param connectTimeout HTTP connect timeout
     * @param responseTimeout HTTP response timeout
     * @param mailFrom sender address of alert emails (SMTP server: {@code spring.mail.*})
     */
    public record Notifications(
            @DefaultValue("PT5S") Duration dispatchInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("PT30S") Duration initialBackoff,
            @DefaultValue("PT1H") Duration maxBackoff,
            @DefaultValue("PT2M") Duration lease,
            @Nullable String webhookSecret,
            @Nullable List<String> allowedHosts,
            @DefaultValue("false") boolean allowLoopbackHttp,
            @DefaultValue("PT5S") Duration connectTimeout,
            @DefaultValue("PT10S") Duration responseTimeout,
            @DefaultValue("nps-alerts@localhost") String mailFrom) {

        public List<String> hosts() {
            return allowedHosts == null ? List.of() : allowedHosts;
        }
    }

    /**
     * @param retentionDays scored responses older than this are evicted; also the longest dry run
     * @param evictionInterval how often eviction runs
     */
    public record DryRun(@DefaultValue("90") int retentionDays, @DefaultValue("PT1H") Duration evictionInterval) {
    }
}
