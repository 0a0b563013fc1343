@NullMarked
package io.npsloop.reporting.overview.web;

import org.jspecify.annotations.NullMarked;
