/** Outcomes onto nps.outcomes.v1. */
@NullMarked
package io.npsloop.ingest.outcomes.messaging;

import org.jspecify.annotations.NullMarked;
