@NullMarked
package io.npsloop.followup.cases.messaging;

import org.jspecify.annotations.NullMarked;
