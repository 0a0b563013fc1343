package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.alerting.rules.NotificationTarget;
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

    @Override
    public StoredAlert insertIfAbsent(DetractorAlertRaised alert, List<NotificationTarget> targets) {
        return alerts.computeIfAbsent(alert.alertId(), id -> new StoredAlert(alert, false, List.of(), targets));
    }

    @Override
    public void markPublished(String alertId) {
        StoredAlert a = alerts.get(alertId);
        alerts.put(alertId, new StoredAlert(a.alert(), true, a.attachedResponseIds(), a.targets()));
    }

    @Override
    public @Nullable StoredAlert find(String alertId) {
        return alerts.get(alertId);
    }

    @Override
    public void attach(String ownAlertId, String openAlertId, String responseId) {
        attachments.putIfAbsent(ownAlertId, openAlertId);
        StoredAlert a = alerts.get(openAlertId);
        if (a != null && !a.attachedResponseIds().contains(responseId)) {
            List<String> ids = new ArrayList<>(a.attachedResponseIds());
            ids.add(responseId);
            alerts.put(openAlertId, new StoredAlert(a.alert(), a.published(), ids, a.targets()));
        }
    }

    @Override
    public @Nullable String attachedTo(String ownAlertId) {
        return attachments.get(ownAlertId);
    }

    @Override
    public Page search(AlertQuery query) {
        return new Page(List.copyOf(alerts.values()), alerts.size());
    }

    @Override
    public @Nullable OpenAlert latest(String customerId) {
        return customers.get(customerId);
    }

    @Override
    public void remember(String customerId, OpenAlert alert) {
        customers.merge(customerId, alert, (old, neu) -> neu.respondedAt().isBefore(old.respondedAt()) ? old : neu);
    }

    @Override
    public void record(ResponseScored response) {
        scored.put(response.source() + "|" + response.responseId(), response);
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
    public void raised(DetractorAlertRaised alert) {
        published.add(alert);
    }
}
