/** The statistics of NPS figures, shared by the services that compute and that report them. Plain Java. */
@NullMarked
package io.npsloop.statistics;

import org.jspecify.annotations.NullMarked;
