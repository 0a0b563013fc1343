@NullMarked
package io.npsloop.alerting.alerts.web;

import org.jspecify.annotations.NullMarked;
