/** Alerts on unhappy customers: which responses raise one, how severe, which queue owns it. Plain Java. */
@NullMarked
package io.npsloop.alerting.alerts;

import org.jspecify.annotations.NullMarked;
