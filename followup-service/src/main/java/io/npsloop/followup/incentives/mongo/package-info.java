@NullMarked
package io.npsloop.followup.incentives.mongo;

import org.jspecify.annotations.NullMarked;
