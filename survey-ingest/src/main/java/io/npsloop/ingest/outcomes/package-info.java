/**
 * Customer outcomes: the cancellations, downgrades and renewals that business systems post, checked
 * like responses, recorded once per source and outcome id and published as
 * {@code CustomerOutcomeRecorded}, through the responses' ledgered intake.
 */
@NullMarked
package io.npsloop.ingest.outcomes;

import org.jspecify.annotations.NullMarked;
