@NullMarked
package io.npsloop.reporting.projections.messaging;

import org.jspecify.annotations.NullMarked;
