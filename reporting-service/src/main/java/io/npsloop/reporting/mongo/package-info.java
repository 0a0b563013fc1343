/** MongoDB helpers the features' store adapters share. */
@NullMarked
package io.npsloop.reporting.mongo;

import org.jspecify.annotations.NullMarked;
