@NullMarked
package io.npsloop.ingest.webhooks.http;

import org.jspecify.annotations.NullMarked;
