/** The outcome counters in Micrometer. */
@NullMarked
package io.npsloop.ingest.outcomes.metrics;

import org.jspecify.annotations.NullMarked;
