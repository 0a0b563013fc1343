/** Edges every service shares: Kafka messages with CloudEvents headers, problem responses, the database handle. */
@NullMarked
package io.npsloop.platform;

import org.jspecify.annotations.NullMarked;
