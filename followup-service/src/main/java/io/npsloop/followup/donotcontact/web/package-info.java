@NullMarked
package io.npsloop.followup.donotcontact.web;

import org.jspecify.annotations.NullMarked;
