/** Starts the whole pipeline on one machine with nothing installed but a JDK. */
@NullMarked
package io.npsloop.launcher;

import org.jspecify.annotations.NullMarked;
