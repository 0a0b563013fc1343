/**
 * Erasure of a customer's personal data across the services: each service's stores implement
 * {@link io.npsloop.platform.privacy.PersonalDataEraser}; the shared consumer of
 * {@code nps.erasures.v1} puts the customer on the service's
 * {@link io.npsloop.platform.privacy.ErasedCustomers} record, runs the erasers and answers with a
 * receipt; {@link io.npsloop.platform.privacy.ErasureOnArrival} pseudonymises what arrives about the
 * customer afterwards.
 */
@NullMarked
package io.npsloop.platform.privacy;

import org.jspecify.annotations.NullMarked;
