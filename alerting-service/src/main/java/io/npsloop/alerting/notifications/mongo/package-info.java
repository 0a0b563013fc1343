@NullMarked
package io.npsloop.alerting.notifications.mongo;

import org.jspecify.annotations.NullMarked;
