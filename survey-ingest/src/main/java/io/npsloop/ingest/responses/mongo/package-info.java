/** The submission ledger in the service's MongoDB database. */
@NullMarked
package io.npsloop.ingest.responses.mongo;

import org.jspecify.annotations.NullMarked;
