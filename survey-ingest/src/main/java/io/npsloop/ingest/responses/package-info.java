/** Taking in survey responses: what a valid response is and how it becomes a {@code ResponseSubmitted} event. */
@NullMarked
package io.npsloop.ingest.responses;

import org.jspecify.annotations.NullMarked;
