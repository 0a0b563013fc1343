@NullMarked
package io.npsloop.alerting.rules.web;

import org.jspecify.annotations.NullMarked;
