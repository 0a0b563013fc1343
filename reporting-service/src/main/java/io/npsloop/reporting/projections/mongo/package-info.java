/** The projections in MongoDB (driver-sync, explicit Document mapping), one collection per fact. */
@NullMarked
package io.npsloop.reporting.projections.mongo;

import org.jspecify.annotations.NullMarked;
