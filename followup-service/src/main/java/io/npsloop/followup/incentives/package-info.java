/** Incentives as experiments: the catalogue, the experiments per root cause, block assignment. Plain Java. */
@NullMarked
package io.npsloop.followup.incentives;

import org.jspecify.annotations.NullMarked;
