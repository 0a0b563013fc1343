/**
 * Backfill of survey responses from CSV files: the documented NPS Loop layout and Delighted's
 * export layout, read one record at a time so a file of any length runs in bounded memory.
 */
@NullMarked
package io.npsloop.ingest.imports;

import org.jspecify.annotations.NullMarked;
