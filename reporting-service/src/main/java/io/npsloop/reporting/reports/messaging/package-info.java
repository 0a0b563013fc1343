/** The Kafka edge of the reports: the churn model reporting publishes for the rules on churn risk. */
@NullMarked
package io.npsloop.reporting.reports.messaging;

import org.jspecify.annotations.NullMarked;
