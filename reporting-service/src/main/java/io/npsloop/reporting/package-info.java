@NullMarked
package io.npsloop.reporting;

import org.jspecify.annotations.NullMarked;
