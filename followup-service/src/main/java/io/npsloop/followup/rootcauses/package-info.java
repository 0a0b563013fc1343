/** The root-cause taxonomy, the rules of coding a case, and the mining of "other" texts for new categories. Plain Java. */
@NullMarked
package io.npsloop.followup.rootcauses;

import org.jspecify.annotations.NullMarked;
