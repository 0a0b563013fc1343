@NullMarked
package io.npsloop.followup.incentives.web;

import org.jspecify.annotations.NullMarked;
