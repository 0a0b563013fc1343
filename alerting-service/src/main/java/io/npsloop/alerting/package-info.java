@NullMarked
package io.npsloop.alerting;

import org.jspecify.annotations.NullMarked;
