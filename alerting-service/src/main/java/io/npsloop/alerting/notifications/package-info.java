/** Notifications of recorded alerts: the outbox, retries with back-off, signatures and the outbound URL policy. Plain Java. */
@NullMarked
package io.npsloop.alerting.notifications;

import org.jspecify.annotations.NullMarked;
