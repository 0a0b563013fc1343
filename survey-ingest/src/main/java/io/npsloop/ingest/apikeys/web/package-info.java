/**
 * The HTTP edge of API keys: authentication, scopes and per-key rate limits as a servlet filter,
 * and the admin API that creates, lists and revokes keys.
 */
@NullMarked
package io.npsloop.ingest.apikeys.web;

import org.jspecify.annotations.NullMarked;
