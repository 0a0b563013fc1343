package io.npsloop.alerting.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.npsloop.alerting.alerts.AlertStore.Attachment;
import io.npsloop.alerting.alerts.AlertStore.NewAlert;
import io.npsloop.alerting.alerts.AlertStore.StoredAlert;
import io.npsloop.alerting.alerts.CustomerAlerts.OpenAlert;
import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.ChurnRiskModel;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.alerting.rules.RuleEvaluation;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventIds;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates each scored response once against the rules in force and raises at most one alert
 * for it. The alert id derives from the response, so every step is idempotent and a redelivered
 * record changes nothing. Per response, in order:
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
 * A batch is decided in memory exactly as if its responses came one after another: what the batch
 * needs is read once (own alerts, attachments, the customers' open alerts), each response sees what
 * the earlier ones of the batch did (a customer's second detractor answer joins the alert the first
 * one raised), and then each step is one write for the whole batch, in the order above: projection,
 * alerts, attachments, customers' open alerts, outbox, publication, "published" marks. A crash between
 * two writes leaves a prefix of them done; the redelivery (which starts at or before the batch's
 * first record, as offsets are committed only after the whole batch) finds it and finishes the rest.
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
    private final Supplier<ChurnRiskModel> churn;

    /** Without a churn model: rules on churn risk match nothing. */
    public AlertRaising(Supplier<List<AlertRule>> rules, AlertStore store, CustomerAlerts customers,
            ScoredResponses scored, NotificationOutbox outbox, AlertEvents events, OpenAlertWindow window, Clock clock) {
        this(rules, store, customers, scored, outbox, events, window, clock, () -> ChurnRiskModel.NONE);
    }

    /** {@code churn} gives the churn model in force (read once per batch). */
    public AlertRaising(Supplier<List<AlertRule>> rules, AlertStore store, CustomerAlerts customers,
            ScoredResponses scored, NotificationOutbox outbox, AlertEvents events, OpenAlertWindow window, Clock clock,
            Supplier<ChurnRiskModel> churn) {
        this.churn = churn;
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

    /**
     * Refuses a response that evaluation could not handle: the fields its identity, the rules and the
     * alert are made of. The event schema already requires them; refusing here, before anything of the
     * batch is written, makes such a record poison on its own instead of a failure of its batch.
     */
    public static void check(ResponseScored response) {
        List<String> missing = new ArrayList<>();
        require(response.source(), "source", missing);
        require(response.responseId(), "responseId", missing);
        require(response.customerId(), "customerId", missing);
        if (response.occurredAt() == null) {
            missing.add("occurredAt");
        }
        if (response.category() == null) {
            missing.add("category");
        }
        if (response.attributes() == null) {
            missing.add("attributes");
        }
        if (response.accountValue() != null && (response.accountValue().amount() == null || response.accountValue().currency() == null)) {
            missing.add("accountValue");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("A scored response without " + String.join(", ", missing));
        }
    }

    private static void require(@Nullable String value, String field, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(field);
        }
    }

    public Outcome evaluate(ResponseScored response) {
        return evaluateAll(List.of(response)).get(0);
    }

    /** Evaluates the responses as if one after another, in order; returns what became of each, in the same order. */
    public List<Outcome> evaluateAll(List<ResponseScored> responses) {
        if (responses.isEmpty()) {
            return List.of();
        }
        scored.recordAll(responses);

        List<AlertRule> inForce = rules.get();
        ChurnRiskModel churnInForce = churn.get();
        List<String> ownIds = responses.stream().map(AlertRaising::alertId).toList();
        Set<String> distinctIds = new LinkedHashSet<>(ownIds);
        Map<String, StoredAlert> alerts = new HashMap<>(store.findAll(distinctIds));
        Set<String> unknown = new LinkedHashSet<>(distinctIds);
        unknown.removeAll(alerts.keySet());
        Map<String, String> attachedTo = new HashMap<>(unknown.isEmpty() ? Map.of() : store.attachedToAll(unknown));

        // Rules are pure: decide first, so that only the customers of responses that could raise are read.
        List<Optional<RuleEvaluation.Decision>> decisions = new ArrayList<>(responses.size());
        Set<String> deciding = new LinkedHashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            String ownId = ownIds.get(i);
            boolean settled = alerts.containsKey(ownId) || attachedTo.containsKey(ownId);
            Optional<RuleEvaluation.Decision> decision = settled ? Optional.empty() : RuleEvaluation.evaluate(responses.get(i), inForce, churnInForce);
            decisions.add(decision);
            if (decision.isPresent()) {
                deciding.add(responses.get(i).customerId());
            }
        }
        Map<String, OpenAlert> latest = new HashMap<>(deciding.isEmpty() ? Map.of() : customers.latestAll(deciding));

        List<Outcome> outcomes = new ArrayList<>(responses.size());
        Map<String, NewAlert> inserted = new LinkedHashMap<>();
        Map<String, Attachment> attachments = new LinkedHashMap<>();
        Map<String, OpenAlert> remembered = new LinkedHashMap<>();
        Set<String> raised = new LinkedHashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            ResponseScored response = responses.get(i);
            String ownId = ownIds.get(i);
            StoredAlert stored = alerts.get(ownId);
            if (stored == null) {
                String joined = attachedTo.get(ownId);
                if (joined == null) {
                    Optional<RuleEvaluation.Decision> decision = decisions.get(i);
                    if (decision.isEmpty()) {
                        outcomes.add(new Outcome(Kind.NONE, null));
                        continue;
                    }
                    OpenAlert open = latest.get(response.customerId());
                    if (open != null && window.attaches(open, response.occurredAt())) {
                        joined = open.alertId();
                        attachedTo.put(ownId, joined);
                    } else {
                        NewAlert alert = new NewAlert(alert(ownId, response, decision.get()), decision.get().targets());
                        stored = new StoredAlert(alert.alert(), false, List.of(), alert.targets());
                        alerts.put(ownId, stored);
                        inserted.put(ownId, alert);
                    }
                }
                if (joined != null) {
                    attachments.putIfAbsent(ownId, new Attachment(ownId, joined, response.responseId()));
                    outcomes.add(new Outcome(Kind.ATTACHED, joined));
                    continue;
                }
            }
            OpenAlert mine = new OpenAlert(ownId, response.occurredAt());
            latest.merge(response.customerId(), mine, OpenAlert::later);
            remembered.merge(response.customerId(), mine, OpenAlert::later);
            raised.add(ownId);
            outcomes.add(new Outcome(Kind.RAISED, ownId));
        }

        if (!inserted.isEmpty()) {
            // An alert that was there first (another instance got to the response) is the one to finish.
            alerts.putAll(store.insertAllIfAbsent(List.copyOf(inserted.values())));
        }
        if (!attachments.isEmpty()) {
            store.attachAll(List.copyOf(attachments.values()));
        }
        if (!remembered.isEmpty()) {
            customers.rememberAll(remembered);
        }
        Instant now = clock.instant();
        Map<String, Notification> notifications = new LinkedHashMap<>();
        List<DetractorAlertRaised> unpublished = new ArrayList<>();
        for (String alertId : raised) {
            StoredAlert stored = alerts.get(alertId);
            for (NotificationTarget target : stored.targets()) {
                Notification notification = Notification.due(stored.alert(), target, now);
                notifications.putIfAbsent(notification.id(), notification);
            }
            if (!stored.published()) {
                unpublished.add(stored.alert());
            }
        }
        if (!notifications.isEmpty()) {
            outbox.enqueue(List.copyOf(notifications.values()));
        }
        if (!unpublished.isEmpty()) {
            events.raisedAll(unpublished);
            store.markAllPublished(unpublished.stream().map(DetractorAlertRaised::alertId).toList());
        }
        return outcomes;
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
        return EventIds.derived("alert", response.source(), response.responseId());
    }
}
