/** The erasure audit in MongoDB, and survey-ingest's own eraser of personal data. */
@NullMarked
package io.npsloop.ingest.erasures.mongo;

import org.jspecify.annotations.NullMarked;
