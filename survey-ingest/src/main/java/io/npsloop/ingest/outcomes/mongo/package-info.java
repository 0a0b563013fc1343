/** The outcomes' ledger in the service's MongoDB database, and where erasure finds their customers. */
@NullMarked
package io.npsloop.ingest.outcomes.mongo;

import org.jspecify.annotations.NullMarked;
