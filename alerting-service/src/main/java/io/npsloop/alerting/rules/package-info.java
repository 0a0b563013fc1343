/** Alert rules: conditions on a scored response, the actions a match asks for, their evaluation and management. Plain Java. */
@NullMarked
package io.npsloop.alerting.rules;

import org.jspecify.annotations.NullMarked;
