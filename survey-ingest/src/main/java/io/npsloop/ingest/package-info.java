@NullMarked
package io.npsloop.ingest;

import org.jspecify.annotations.NullMarked;
