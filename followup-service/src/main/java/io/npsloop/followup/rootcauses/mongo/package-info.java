@NullMarked
package io.npsloop.followup.rootcauses.mongo;

import org.jspecify.annotations.NullMarked;
