@NullMarked
package io.npsloop.ingest.webhooks.mongo;

import org.jspecify.annotations.NullMarked;
