/** Management views computed from projections of the events: trend, segments, follow-up funnel, root causes, experiments, revenue at risk, themes. Plain Java. */
@NullMarked
package io.npsloop.reporting.insights;

import org.jspecify.annotations.NullMarked;
