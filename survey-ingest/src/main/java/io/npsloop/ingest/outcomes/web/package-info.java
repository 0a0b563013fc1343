/** The outcomes API: single, batch and CSV import. */
@NullMarked
package io.npsloop.ingest.outcomes.web;

import org.jspecify.annotations.NullMarked;
