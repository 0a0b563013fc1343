@NullMarked
package io.npsloop.reporting.insights.metrics;

import org.jspecify.annotations.NullMarked;
