/**
 * Net Promoter scoring: classification, tallies per segment and day, and the statistics of a
 * tally (NPS, standard error, margin of error, comparison). Plain Java; Kafka, MongoDB and HTTP
 * live in the sub-packages.
 */
@NullMarked
package io.npsloop.scoring.nps;

import org.jspecify.annotations.NullMarked;
