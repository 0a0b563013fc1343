@NullMarked
package io.npsloop.reporting.insights.web;

import org.jspecify.annotations.NullMarked;
