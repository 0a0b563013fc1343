/**
 * The event contracts of NPS Loop: records, topic names, event types and CloudEvents header
 * names. Each event's JSON form is pinned by a JSON Schema under {@code schemas/} and the topics
 * are described by {@code asyncapi.yaml}. This package holds no logic and no framework code.
 */
@NullMarked
package io.npsloop.contracts;

import org.jspecify.annotations.NullMarked;
