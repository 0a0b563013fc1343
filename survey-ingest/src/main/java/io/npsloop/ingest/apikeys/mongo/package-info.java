/** Managed API keys in MongoDB, and the wiring of the key set, its refresh and the admin API's domain service. */
@NullMarked
package io.npsloop.ingest.apikeys.mongo;

import org.jspecify.annotations.NullMarked;
