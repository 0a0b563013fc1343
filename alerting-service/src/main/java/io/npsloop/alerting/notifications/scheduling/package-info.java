@NullMarked
package io.npsloop.alerting.notifications.scheduling;

import org.jspecify.annotations.NullMarked;
