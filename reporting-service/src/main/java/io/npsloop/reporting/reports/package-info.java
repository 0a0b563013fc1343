/**
 * The management views, one class per report ({@link io.npsloop.reporting.reports.Report}): what it
 * reads from the query, how it computes its view from the projections, and its CSV rows. Shared
 * pieces: {@link io.npsloop.reporting.reports.Facts} (the projections seen through the reporting
 * calendar), {@link io.npsloop.reporting.reports.Parameters}, {@link io.npsloop.reporting.reports.Figure}.
 * Plain Java; the HTTP edge is {@code web}, the gauges {@code metrics}.
 */
@NullMarked
package io.npsloop.reporting.reports;

import org.jspecify.annotations.NullMarked;
