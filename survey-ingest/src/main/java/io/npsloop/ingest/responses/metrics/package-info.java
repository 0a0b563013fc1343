/** Intake metrics in Micrometer. */
@NullMarked
package io.npsloop.ingest.responses.metrics;

import org.jspecify.annotations.NullMarked;
