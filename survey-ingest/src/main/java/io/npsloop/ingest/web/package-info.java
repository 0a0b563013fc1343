/** The service-wide HTTP edge: body limits, the request mapper, problem responses written by filters, OpenAPI. */
@NullMarked
package io.npsloop.ingest.web;

import org.jspecify.annotations.NullMarked;
