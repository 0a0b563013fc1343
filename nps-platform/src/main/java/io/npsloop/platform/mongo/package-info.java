@NullMarked
package io.npsloop.platform.mongo;

import org.jspecify.annotations.NullMarked;
