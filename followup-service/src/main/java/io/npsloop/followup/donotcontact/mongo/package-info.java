@NullMarked
package io.npsloop.followup.donotcontact.mongo;

import org.jspecify.annotations.NullMarked;
