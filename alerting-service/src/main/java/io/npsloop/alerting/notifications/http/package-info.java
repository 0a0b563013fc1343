@NullMarked
package io.npsloop.alerting.notifications.http;

import org.jspecify.annotations.NullMarked;
