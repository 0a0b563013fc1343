/** The HTTP edge of API keys: authentication, scopes and per-key rate limits as a servlet filter. */
@NullMarked
package io.npsloop.ingest.apikeys.web;

import org.jspecify.annotations.NullMarked;
