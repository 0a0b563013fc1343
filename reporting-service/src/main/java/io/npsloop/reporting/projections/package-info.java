/**
 * The projections the reports are computed from, one per fact: answers (the latest revision of each
 * scored response), alerts, follow-up cases and daily figures. Plain Java; MongoDB in {@code mongo},
 * the Kafka consumer that feeds them in {@code messaging}.
 */
@NullMarked
package io.npsloop.reporting.projections;

import org.jspecify.annotations.NullMarked;
