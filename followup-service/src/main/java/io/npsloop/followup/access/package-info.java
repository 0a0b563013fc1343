/** Who is acting: the person of the bearer token, and which follow-up endpoints each role may call. */
@NullMarked
package io.npsloop.followup.access;

import org.jspecify.annotations.NullMarked;
