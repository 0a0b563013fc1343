@NullMarked
package io.npsloop.platform.web;

import org.jspecify.annotations.NullMarked;
