/** Source systems and their API keys: who may submit, and under which source name. */
@NullMarked
package io.npsloop.ingest.apikeys;

import org.jspecify.annotations.NullMarked;
