@NullMarked
package io.npsloop.scoring.nps.web;

import org.jspecify.annotations.NullMarked;
