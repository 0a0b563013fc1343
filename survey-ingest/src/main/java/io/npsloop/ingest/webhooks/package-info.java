/**
 * Survey tools' webhooks: each provider authenticates a delivery its own documented way, then maps
 * its payload (or the response fetched from its API) onto a response for the shared intake.
 */
@NullMarked
package io.npsloop.ingest.webhooks;

import org.jspecify.annotations.NullMarked;
