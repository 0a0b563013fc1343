package io.npsloop.followup;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of followup-service, under {@code followup.*}; every one is in the README's
 * configuration table.
 */
@ConfigurationProperties("followup")
public record FollowupProperties(
        @DefaultValue("PT30M") Duration claimTimeout,
        @DefaultValue("3") int maxFailedAttempts,
        @DefaultValue("-lead") String leadQueueSuffix,
        @DefaultValue("executive") String executiveQueue,
        @DefaultValue("PT4H") Duration escalationSla,
        @DefaultValue("PT1M") Duration slaCheckInterval,
        @DefaultValue("PT10S") Duration outboxSweepInterval,
        @DefaultValue Advocacy advocacy,
        @DefaultValue Metrics metrics,
        @DefaultValue List<IncentiveEntry> incentives,
        @DefaultValue List<ExperimentEntry> experiments,
        @DefaultValue("") String assignmentSecret) {

    public FollowupProperties {
        incentives = incentives == null ? List.of() : List.copyOf(incentives);
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
    }

    /** The rule that turns promoter answers into advocacy tasks. */
    public record Advocacy(@DefaultValue("true") boolean enabled, @DefaultValue("9") int minScore,
            @DefaultValue Map<String, String> attributes, @DefaultValue("advocacy") String queue,
            @DefaultValue("P7D") Duration sla) {
    }

    /** The queues that get their own tag value on the follow-up meters; any other queue is tagged {@code other}. */
    public record Metrics(@DefaultValue({"customer-care", "customer-care-lead", "executive", "advocacy"}) List<String> queues) {

        public Metrics {
            queues = List.copyOf(queues);
        }
    }

    /** An incentive the catalogue is seeded with. */
    public record IncentiveEntry(String id, String type, String description, BigDecimal cost, String currency) {
    }

    /** An experiment the store is seeded with: arms are incentive ids or {@code control}. */
    public record ExperimentEntry(String id, String rootCause, List<String> arms) {
    }
}
