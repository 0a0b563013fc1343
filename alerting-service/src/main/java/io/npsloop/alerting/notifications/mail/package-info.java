@NullMarked
package io.npsloop.alerting.notifications.mail;

import org.jspecify.annotations.NullMarked;
