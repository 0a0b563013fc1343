@NullMarked
package io.npsloop.followup.cases.mongo;

import org.jspecify.annotations.NullMarked;
