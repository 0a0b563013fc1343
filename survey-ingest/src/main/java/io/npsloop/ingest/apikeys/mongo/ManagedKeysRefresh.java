package io.npsloop.ingest.apikeys.mongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.npsloop.ingest.apikeys.ApiKeyAdministration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ApiKeyAdministration#refresh()} at start and then every {@code nps.ingest.api-key-refresh}
 * on a thread of its own. The first read is not awaited: the service starts while MongoDB is still
 * away, with the configured keys, and takes the managed ones as soon as the store answers. While
 * the store cannot be read the last set read stays in use (the intake needs the same database, so
 * such an instance answers responses with 503 anyway).
 */
class ManagedKeysRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManagedKeysRefresh.class);

    private final ApiKeyAdministration administration;
    private final Duration interval;
    private @Nullable ScheduledExecutorService scheduler;
    private boolean failing;

    ManagedKeysRefresh(ApiKeyAdministration administration, Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("nps.ingest.api-key-refresh must be at least 1ms, not " + interval);
        }
        this.administration = administration;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "api-key-refresh");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Logged once when refreshes start failing and once when they succeed again, not every few seconds. */
    private void refresh() {
        try {
            administration.refresh();
            if (failing) {
                log.info("Managed API keys are read from the store again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot read the managed API keys from the store; the last set read stays in use until it can: {}", e.toString());
                failing = true;
            }
        }
    }
}
