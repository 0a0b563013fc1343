package io.npsloop.reporting;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports read the calendar.
 *
 * @param timeZone the zone whose days "today" and the rolling windows follow; keep it equal to scoring's
 */
@ConfigurationProperties("nps.reporting")
public record ReportingProperties(@DefaultValue("UTC") ZoneId timeZone) {
}
