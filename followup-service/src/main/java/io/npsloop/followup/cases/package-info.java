/** Follow-up cases: opened per alert, prioritised, worked through their states. Plain Java. */
@NullMarked
package io.npsloop.followup.cases;

import org.jspecify.annotations.NullMarked;
