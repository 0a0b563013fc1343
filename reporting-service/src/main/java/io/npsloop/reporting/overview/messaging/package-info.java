@NullMarked
package io.npsloop.reporting.overview.messaging;

import org.jspecify.annotations.NullMarked;
