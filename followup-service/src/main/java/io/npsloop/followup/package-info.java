@NullMarked
package io.npsloop.followup;

import org.jspecify.annotations.NullMarked;
