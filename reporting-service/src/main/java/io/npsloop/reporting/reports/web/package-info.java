@NullMarked
package io.npsloop.reporting.reports.web;

import org.jspecify.annotations.NullMarked;
