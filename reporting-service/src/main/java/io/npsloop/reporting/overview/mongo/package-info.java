@NullMarked
package io.npsloop.reporting.overview.mongo;

import org.jspecify.annotations.NullMarked;
