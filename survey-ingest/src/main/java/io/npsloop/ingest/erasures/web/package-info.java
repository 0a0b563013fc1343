/** The erasure API for admins. */
@NullMarked
package io.npsloop.ingest.erasures.web;

import org.jspecify.annotations.NullMarked;
