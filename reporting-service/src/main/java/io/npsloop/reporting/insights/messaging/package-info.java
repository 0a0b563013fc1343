@NullMarked
package io.npsloop.reporting.insights.messaging;

import org.jspecify.annotations.NullMarked;
