package io.npsloop.alerting.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.npsloop.alerting.alerts.CustomerAlerts.OpenAlert;
import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.alerting.rules.RuleEvaluation;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates each scored response once against the rules in force and raises at most one alert
 * for it. The alert id derives from the response, so every step is idempotent and a redelivered
 * record changes nothing:
 * <ol>
 * <li>the response is kept in the dry-run projection;</li>
 * <li>if the response's own alert exists (a redelivery), the remaining steps are finished;</li>
 * <li>if the response was attached before, or the customer has an open alert for an answer given
 *     within the open-alert window, the response is attached to that alert and nothing new is
 *     published (the customer already has an owner working on them);</li>
 * <li>otherwise the alert and its targets are stored, the customer's open alert is remembered,
 *     one outbox notification per target is written, and the alert is published until the store
 *     says it was.</li>
 * </ol>
 */
public class AlertRaising {

    private final Supplier<List<AlertRule>> rules;
    private final AlertStore store;
    private final CustomerAlerts customers;
    private final ScoredResponses scored;
    private final NotificationOutbox outbox;
    private final AlertEvents events;
    private final OpenAlertWindow window;
    private final Clock clock;

    public AlertRaising(Supplier<List<AlertRule>> rules, AlertStore store, CustomerAlerts customers,
            ScoredResponses scored, NotificationOutbox outbox, AlertEvents events, OpenAlertWindow window, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.customers = customers;
        this.scored = scored;
        this.outbox = outbox;
        this.events = events;
        this.window = window;
        this.clock = clock;
    }

    /** What became of a response. */
    public enum Kind {
        /** No rule matched. */
        NONE,
        /** The response raised (or, on redelivery, had raised) its own alert. */
        RAISED,
        /** The response joined the customer's open alert. */
        ATTACHED
    }

    /** What became of a response, and the alert it raised or joined. */
    public record Outcome(Kind kind, @Nullable String alertId) {
    }

    public Outcome evaluate(ResponseScored response) {
        scored.record(response);
        String ownId = alertId(response);
        AlertStore.StoredAlert stored = store.find(ownId);
        if (stored == null) {
            String attachedTo = store.attachedTo(ownId);
            if (attachedTo != null) {
                store.attach(ownId, attachedTo, response.responseId());
                return new Outcome(Kind.ATTACHED, attachedTo);
            }
            Optional<RuleEvaluation.Decision> decision = RuleEvaluation.evaluate(response, rules.get());
            if (decision.isEmpty()) {
                return new Outcome(Kind.NONE, null);
            }
            OpenAlert open = customers.latest(response.customerId());
            if (open != null && window.attaches(open, response.occurredAt())) {
                store.attach(ownId, open.alertId(), response.responseId());
                return new Outcome(Kind.ATTACHED, open.alertId());
            }
            stored = store.insertIfAbsent(alert(ownId, response, decision.get()), decision.get().targets());
        }
        customers.remember(response.customerId(), new OpenAlert(ownId, response.occurredAt()));
        Instant now = clock.instant();
        DetractorAlertRaised alert = stored.alert();
        outbox.enqueue(stored.targets().stream().map(target -> Notification.due(alert, target, now)).toList());
        if (!stored.published()) {
            events.raised(alert);
            store.markPublished(ownId);
        }
        return new Outcome(Kind.RAISED, ownId);
    }

    private DetractorAlertRaised alert(String alertId, ResponseScored response, RuleEvaluation.Decision decision) {
        Instant now = clock.instant();
        return new DetractorAlertRaised(
                alertId,
                EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION,
                now,
                alertId,
                response.responseId(),
                response.customerId(),
                response.accountId(),
                response.contact(),
                response.score(),
                response.category(),
                response.comment(),
                response.channel(),
                response.touchpoint(),
                response.attributes(),
                response.accountValue(),
                decision.severity(),
                decision.ownerQueue(),
                decision.matchedRules(),
                now,
                now.plus(decision.firstContactSla()),
                decision.escalatedTo(),
                decision.ruleSeverities(),
                decision.targets().stream().map(NotificationTarget::label).toList());
    }

    /** One alert per response: the id is a name-based UUID of the response's source and id. */
    public static String alertId(ResponseScored response) {
        return UUID.nameUUIDFromBytes(("alert|" + response.source() + "|" + response.responseId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
