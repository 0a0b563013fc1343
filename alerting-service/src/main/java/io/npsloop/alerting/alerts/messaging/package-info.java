@NullMarked
package io.npsloop.alerting.alerts.messaging;

import org.jspecify.annotations.NullMarked;
