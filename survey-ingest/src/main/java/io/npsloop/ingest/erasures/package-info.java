/**
 * Erasure requests: an admin asks to erase a customer, every service erases its copy of the
 * customer's personal data and reports back, and the erasure record is the audit of who asked,
 * when, and what each service erased.
 */
@NullMarked
package io.npsloop.ingest.erasures;

import org.jspecify.annotations.NullMarked;
