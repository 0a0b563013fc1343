@NullMarked
package io.npsloop.followup.cases.metrics;

import org.jspecify.annotations.NullMarked;
