package io.npsloop.contracts;

/** How urgent an alert is; the most severe matching rule wins. */
public enum Severity {
    CRITICAL, HIGH, NORMAL
}
