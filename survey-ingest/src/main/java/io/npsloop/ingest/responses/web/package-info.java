@NullMarked
package io.npsloop.ingest.responses.web;

import org.jspecify.annotations.NullMarked;
