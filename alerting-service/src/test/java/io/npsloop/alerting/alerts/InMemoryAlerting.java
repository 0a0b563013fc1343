package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/** In-memory stand-ins for the alerting ports, for plain unit tests. */
final class InMemoryAlerting implements AlertStore, CustomerAlerts, ScoredResponses, NotificationOutbox, AlertEvents {

    final Map<String, StoredAlert> alerts = new LinkedHashMap<>();
    final Map<String, String> attachments = new LinkedHashMap<>();
    final Map<String, OpenAlert> customers = new LinkedHashMap<>();
    final Map<String, ResponseScored> scored = new LinkedHashMap<>();
    final Map<String, Notification> notifications = new LinkedHashMap<>();
    final List<DetractorAlertRaised> published = new ArrayList<>();
    /** Every call of a port, in order: what one batch costs in round trips. */
    final List<String> calls = new ArrayList<>();
    /**
     * How many more writes (publications included) succeed before one fails without being applied,
     * as if the service died just before it; negative for never.
     */
    int writesBeforeCrash = -1;

    @Override
    public Map<String, StoredAlert> insertAllIfAbsent(List<NewAlert> batch) {
        write("alerts.insert");
        Map<String, StoredAlert> stored = new LinkedHashMap<>();
        for (NewAlert alert : batch) {
            stored.put(alert.alert().alertId(), alerts.computeIfAbsent(alert.alert().alertId(),
                    id -> new StoredAlert(alert.alert(), false, List.of(), alert.targets())));
        }
        return stored;
    }

    @Override
    public void markAllPublished(Collection<String> alertIds) {
        write("alerts.published");
        for (String alertId : alertIds) {
            StoredAlert a = alerts.get(alertId);
            alerts.put(alertId, new StoredAlert(a.alert(), true, a.attachedResponseIds(), a.targets()));
        }
    }

    @Override
    public @Nullable StoredAlert find(String alertId) {
        return alerts.get(alertId);
    }

    @Override
    public Map<String, StoredAlert> findAll(Collection<String> alertIds) {
        calls.add("alerts.read");
        Map<String, StoredAlert> found = new HashMap<>();
        alertIds.stream().filter(alerts::containsKey).forEach(id -> found.put(id, alerts.get(id)));
        return found;
    }

    @Override
    public void attachAll(List<Attachment> batch) {
        write("attachments.write");
        for (Attachment attachment : batch) {
            attachments.putIfAbsent(attachment.ownAlertId(), attachment.openAlertId());
            StoredAlert a = alerts.get(attachment.openAlertId());
            if (a != null && !a.attachedResponseIds().contains(attachment.responseId())) {
                List<String> ids = new ArrayList<>(a.attachedResponseIds());
                ids.add(attachment.responseId());
                alerts.put(attachment.openAlertId(), new StoredAlert(a.alert(), a.published(), ids, a.targets()));
            }
        }
    }

    @Override
    public Map<String, String> attachedToAll(Collection<String> ownAlertIds) {
        calls.add("attachments.read");
        Map<String, String> found = new HashMap<>();
        ownAlertIds.stream().filter(attachments::containsKey).forEach(id -> found.put(id, attachments.get(id)));
        return found;
    }

    @Override
    public Page search(AlertQuery query) {
        return new Page(List.copyOf(alerts.values()), alerts.size());
    }

    @Override
    public Map<String, OpenAlert> latestAll(Collection<String> customerIds) {
        calls.add("customers.read");
        Map<String, OpenAlert> found = new HashMap<>();
        customerIds.stream().filter(customers::containsKey).forEach(id -> found.put(id, customers.get(id)));
        return found;
    }

    @Override
    public void rememberAll(Map<String, OpenAlert> batch) {
        write("customers.write");
        batch.forEach((customerId, alert) -> customers.merge(customerId, alert, OpenAlert::later));
    }

    @Override
    public void recordAll(List<ResponseScored> batch) {
        write("scored.write");
        batch.forEach(response -> scored.put(response.source() + "|" + response.responseId(), response));
    }

    @Override
    public List<ResponseScored> answeredSince(Instant from) {
        return scored.values().stream().filter(r -> !r.occurredAt().isBefore(from))
                .sorted(Comparator.comparing(ResponseScored::occurredAt)).toList();
    }

    @Override
    public long evictAnsweredBefore(Instant cutoff) {
        int before = scored.size();
        scored.values().removeIf(r -> r.occurredAt().isBefore(cutoff));
        return before - scored.size();
    }

    @Override
    public void enqueue(List<Notification> entries) {
        write("notifications.write");
        entries.forEach(n -> notifications.putIfAbsent(n.id(), n));
    }

    @Override
    public List<Notification> due(Instant now, int limit) {
        return notifications.values().stream()
                .filter(n -> n.status() == Notification.Status.PENDING && !n.nextAttemptAt().isAfter(now)).limit(limit).toList();
    }

    @Override
    public boolean claim(String id, Instant dueAt, Instant leaseUntil) {
        Notification n = notifications.get(id);
        if (n == null || !n.nextAttemptAt().equals(dueAt)) {
            return false;
        }
        notifications.put(id, new Notification(n.id(), n.alertId(), n.target(), n.alert(), n.status(), n.attempts(), leaseUntil));
        return true;
    }

    @Override
    public void record(String id, Notification.Attempt attempt, Notification.Status status, Instant nextAttemptAt) {
        Notification n = notifications.get(id);
        List<Notification.Attempt> attempts = new ArrayList<>(n.attempts());
        attempts.add(attempt);
        notifications.put(id, new Notification(n.id(), n.alertId(), n.target(), n.alert(), status, attempts, nextAttemptAt));
    }

    @Override
    public List<Notification> forAlert(String alertId) {
        return notifications.values().stream().filter(n -> n.alertId().equals(alertId)).toList();
    }

    @Override
    public void raisedAll(List<DetractorAlertRaised> alerts) {
        write("alerts.send");
        published.addAll(alerts);
    }

    private void write(String call) {
        calls.add(call);
        if (writesBeforeCrash == 0) {
            writesBeforeCrash = -1;
            throw new IllegalStateException("Died before " + call);
        }
        if (writesBeforeCrash > 0) {
            writesBeforeCrash--;
        }
    }
}
