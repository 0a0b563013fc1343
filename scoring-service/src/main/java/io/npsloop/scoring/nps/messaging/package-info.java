@NullMarked
package io.npsloop.scoring.nps.messaging;

import org.jspecify.annotations.NullMarked;
