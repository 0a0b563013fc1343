package io.npsloop.platform.messaging;

import java.util.List;

/**
 * A consumed event that breaks its published schema: poison, so it is not retried but goes to its
 * topic's dead-letter topic, with the problems (locations and rules, never values) as its reason.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final List<String> violations;

    public InvalidEventException(String eventType, List<String> violations) {
        super(eventType + " breaks its schema: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
