/** The Kafka edge of the rules: the churn model that the rules on churn risk read. */
@NullMarked
package io.npsloop.alerting.rules.messaging;

import org.jspecify.annotations.NullMarked;
