/** Incentives as experiments: the catalogue, the experiments per root cause, the keyed assignment of cases to arms. Plain Java. */
@NullMarked
package io.npsloop.followup.incentives;

import org.jspecify.annotations.NullMarked;
