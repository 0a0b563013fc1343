/**
 * One access model for every service: people present OAuth2/OIDC bearer tokens (JWT) carrying
 * roles, machines present API keys, and anything not explicitly allowed is denied.
 */
@NullMarked
package io.npsloop.platform.security;

import org.jspecify.annotations.NullMarked;
