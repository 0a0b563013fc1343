@NullMarked
package io.npsloop.platform.messaging;

import org.jspecify.annotations.NullMarked;
