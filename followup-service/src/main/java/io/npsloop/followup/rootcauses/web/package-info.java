@NullMarked
package io.npsloop.followup.rootcauses.web;

import org.jspecify.annotations.NullMarked;
