@NullMarked
package io.npsloop.scoring.nps.mongo;

import org.jspecify.annotations.NullMarked;
