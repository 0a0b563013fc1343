package io.npsloop.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the benchmark ran on, and how busy the machine was while it ran. */
final class Machine implements AutoCloseable {

    private final List<Double> loads = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    Machine() {
        sampler = new Thread(() -> {
            while (running) {
                double load = loadAverage();
                synchronized (loads) {
                    loads.add(load);
                }
                Pause.millis(10_000);
            }
        }, "bench-load-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static String describe() {
        return String.format("%d cores (%s), %s memory, %s %s, load average %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), read("/proc/loadavg").trim());
    }

    /** The 1-minute load average sampled every 10 s: min / mean / max. */
    String loadSummary() {
        synchronized (loads) {
            double min = loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double mean = loads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            return String.format("1-minute load average while running (every 10 s, %d samples): min %.2f, mean %.2f, max %.2f",
                    loads.size(), min, mean, max);
        }
    }

    /** CPU seconds (user + system) a process has used so far, from {@code /proc/<pid>/stat}. */
    static double cpuSeconds(long pid) {
        String stat = read("/proc/" + pid + "/stat");
        if (stat.isEmpty()) {
            return Double.NaN;
        }
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0;
    }

    private static double loadAverage() {
        String load = read("/proc/loadavg");
        return load.isEmpty() ? Double.NaN : Double.parseDouble(load.split(" ")[0]);
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memory() {
        return read("/proc/meminfo").lines().filter(line -> line.startsWith("MemTotal")).findFirst()
                .map(line -> String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
