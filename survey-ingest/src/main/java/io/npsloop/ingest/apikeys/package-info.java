/**
 * Source systems and their API keys: who may submit, and under which source name. Keys come from
 * the configuration or are created and revoked by admins at runtime; the rules for both, the key
 * set every request is checked against and its refresh from the shared store live here.
 */
@NullMarked
package io.npsloop.ingest.apikeys;

import org.jspecify.annotations.NullMarked;
