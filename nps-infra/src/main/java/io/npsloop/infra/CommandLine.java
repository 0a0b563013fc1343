package io.npsloop.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments of the {@code main} methods. Hand-rolled on purpose: two
 * entry points with three options each do not justify an argument-parsing dependency.
 */
final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    static CommandLine parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
                throw new IllegalArgumentException("Unknown option '" + name + "', expected one of " + allowed);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option '" + name + "' needs a value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
        return new CommandLine(values);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }

    String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option --" + name + " needs a number, got '" + value + "'", e);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
