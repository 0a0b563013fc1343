@NullMarked
package io.npsloop.ingest.responses.messaging;

import org.jspecify.annotations.NullMarked;
