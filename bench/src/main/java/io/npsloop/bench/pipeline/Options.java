package io.npsloop.bench.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the pipeline benchmark, {@code --name=value}; every one has a default. */
record Options(
        int responses,
        int rate,
        int latencySeconds,
        int probeSeconds,
        int ingestSingle,
        int ingestBatch,
        int batchSize,
        int clients,
        int batchClients,
        List<Long> npsSizes,
        List<Long> naiveSizes,
        int npsQueries,
        int naiveQueries,
        int kafkaRecords,
        int partitions,
        String store,
        List<String> serviceJavaOptions,
        Map<String, String> serviceEnvironment,
        String jfr,
        List<String> sections) {

    static final List<String> SECTIONS = List.of("a", "b", "c", "d", "e", "f");

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("responses", "1000000");
        defaults.put("rate", "1000");
        defaults.put("latency-seconds", "30");
        defaults.put("probe-seconds", "5");
        defaults.put("ingest-single", "5000");
        defaults.put("ingest-batch", "20000");
        defaults.put("batch-size", "500");
        defaults.put("clients", "16");
        defaults.put("batch-clients", "4");
        defaults.put("nps-sizes", "1000000,10000000");
        defaults.put("naive-sizes", "1000000,10000000");
        defaults.put("nps-queries", "200");
        defaults.put("naive-queries", "5");
        defaults.put("kafka-records", "200000");
        defaults.put("partitions", "6");
        defaults.put("store", "bson");
        defaults.put("service-java-options", "-Xms256m -Xmx1g");
        defaults.put("service-env", "");
        defaults.put("jfr", "");
        defaults.put("sections", String.join(",", SECTIONS));
        return defaults;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0 || !values.containsKey(arg.substring(2, equals))) {
                throw new IllegalArgumentException("Unknown option " + arg + "; options (with defaults): " + DEFAULTS);
            }
            values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        Options options = new Options(
                integer(values, "responses"),
                integer(values, "rate"),
                integer(values, "latency-seconds"),
                integer(values, "probe-seconds"),
                integer(values, "ingest-single"),
                integer(values, "ingest-batch"),
                integer(values, "batch-size"),
                integer(values, "clients"),
                integer(values, "batch-clients"),
                sizes(values.get("nps-sizes")),
                sizes(values.get("naive-sizes")),
                integer(values, "nps-queries"),
                integer(values, "naive-queries"),
                integer(values, "kafka-records"),
                integer(values, "partitions"),
                values.get("store"),
                Arrays.stream(values.get("service-java-options").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
                environment(values.get("service-env")),
                values.get("jfr"),
                Arrays.stream(values.get("sections").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (!List.of("bson", "memory", "h2").contains(options.store)) {
            throw new IllegalArgumentException("--store is bson, memory or h2");
        }
        if (options.sections.isEmpty() || !SECTIONS.containsAll(options.sections)) {
            throw new IllegalArgumentException("--sections is a comma-separated subset of " + SECTIONS + ", not " + values.get("sections"));
        }
        if (options.sections.contains("c") && !options.sections.contains("b")) {
            throw new IllegalArgumentException("--sections: c (latency) runs at the end-to-end rate of b, so it needs b");
        }
        return options;
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    private static int integer(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name).replace("_", ""));
    }

    private static Map<String, String> environment(String value) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : value.split(";")) {
            if (!pair.isBlank()) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--service-env takes KEY=VALUE;KEY=VALUE, not " + pair);
                }
                environment.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return environment;
    }

    private static List<Long> sizes(String value) {
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(s -> Long.parseLong(s.trim().replace("_", ""))).sorted().toList();
    }
}
