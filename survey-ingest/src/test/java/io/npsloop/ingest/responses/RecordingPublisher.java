package io.npsloop.ingest.responses;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;

/** Keeps what was published; can be switched to fail as an unreachable broker does. */
public class RecordingPublisher implements ResponsePublisher {

    private final List<ResponseSubmitted> published = new CopyOnWriteArrayList<>();
    private volatile boolean brokerDown;
    private volatile int acknowledgementsLeft = Integer.MAX_VALUE;

    @Override
    public void publish(ResponseSubmitted event) {
        if (brokerDown || acknowledgementsLeft <= 0) {
            throw new EventNotPublishedException("Broker down for event " + event.eventId());
        }
        acknowledgementsLeft--;
        published.add(event);
    }

    public List<ResponseSubmitted> published() {
        return List.copyOf(published);
    }

    public void brokerDown(boolean down) {
        this.brokerDown = down;
    }

    /** The broker goes down after acknowledging {@code count} more events. */
    public void failAfter(int count) {
        this.acknowledgementsLeft = count;
    }

    public void clear() {
        published.clear();
        brokerDown = false;
        acknowledgementsLeft = Integer.MAX_VALUE;
    }
}
