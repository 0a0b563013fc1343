@NullMarked
package io.npsloop.ingest.imports.web;

import org.jspecify.annotations.NullMarked;
