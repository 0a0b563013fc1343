@NullMarked
package io.npsloop.ingest.webhooks.web;

import org.jspecify.annotations.NullMarked;
