/** The NPS gauges for Prometheus, per configured segment and rolling window. */
@NullMarked
package io.npsloop.reporting.reports.metrics;

import org.jspecify.annotations.NullMarked;
