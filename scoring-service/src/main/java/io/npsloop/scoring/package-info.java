@NullMarked
package io.npsloop.scoring;

import org.jspecify.annotations.NullMarked;
