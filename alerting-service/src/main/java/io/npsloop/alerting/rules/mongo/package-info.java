@NullMarked
package io.npsloop.alerting.rules.mongo;

import org.jspecify.annotations.NullMarked;
