@NullMarked
package io.npsloop.alerting.alerts.mongo;

import org.jspecify.annotations.NullMarked;
