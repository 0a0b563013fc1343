@NullMarked
package io.npsloop.followup.cases.web;

import org.jspecify.annotations.NullMarked;
