/** The do-not-contact list: customers follow-up never contacts, and why. Plain Java. */
@NullMarked
package io.npsloop.followup.donotcontact;

import org.jspecify.annotations.NullMarked;
