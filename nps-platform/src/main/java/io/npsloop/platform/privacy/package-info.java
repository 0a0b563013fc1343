/**
 * Erasure of a customer's personal data across the services: each service's stores implement
 * {@link io.npsloop.platform.privacy.PersonalDataEraser}; the shared consumer of
 * {@code nps.erasures.v1} runs them and answers with a receipt.
 */
@NullMarked
package io.npsloop.platform.privacy;

import org.jspecify.annotations.NullMarked;
