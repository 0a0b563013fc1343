package io.npsloop.alerting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where alerts go.
 *
 * @param defaultQueue the team queue that owns ordinary detractor alerts
 * @param executiveQueue the queue for critical alerts ("reply from the top")
 */
@ConfigurationProperties("nps.alerting")
public record AlertingProperties(
        @DefaultValue("customer-care") String defaultQueue,
        @DefaultValue("executive") String executiveQueue) {
}
