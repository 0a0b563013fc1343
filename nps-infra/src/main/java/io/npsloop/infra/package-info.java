/**
 * Real local infrastructure that needs no installs: an Apache Kafka broker run from the Kafka
 * jars and a MongoDB-wire-compatible server, each usable in-process or as its own process. The
 * local run and the integration tests of the services share these classes, so both talk to the
 * same kind of broker and store.
 */
@NullMarked
package io.npsloop.infra;

import org.jspecify.annotations.NullMarked;
