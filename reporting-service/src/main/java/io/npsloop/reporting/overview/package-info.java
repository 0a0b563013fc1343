/** The overview read model: daily NPS figures per segment and the state of each follow-up case. Plain Java. */
@NullMarked
package io.npsloop.reporting.overview;

import org.jspecify.annotations.NullMarked;
