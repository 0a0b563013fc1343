@NullMarked
package io.npsloop.reporting.insights.mongo;

import org.jspecify.annotations.NullMarked;
