/** Who is acting: the configured users and HTTP Basic authentication. */
@NullMarked
package io.npsloop.followup.access;

import org.jspecify.annotations.NullMarked;
