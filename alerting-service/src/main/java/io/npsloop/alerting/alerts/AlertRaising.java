package io.npsloop.alerting.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;

/**
 * Raises at most one alert per response. The alert id derives from the response, the alert is
 * stored before it is published, and it is published until the store says it was: a redelivered
 * record finds the stored alert and either does nothing or finishes the publication an earlier
 * attempt did not.
 */
public class AlertRaising {

    private final AlertPolicy policy;
    private final AlertStore store;
    private final AlertEvents events;
    private final Clock clock;

    public AlertRaising(AlertPolicy policy, AlertStore store, AlertEvents events, Clock clock) {
        this.policy = policy;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Optional<DetractorAlertRaised> evaluate(ResponseScored response) {
        Optional<AlertPolicy.Decision> decision = policy.evaluate(response);
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String alertId = alertId(response);
        DetractorAlertRaised candidate = new DetractorAlertRaised(
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
                decision.get().severity(),
                decision.get().ownerQueue(),
                decision.get().matchedRules(),
                now,
                now.plus(decision.get().firstContactSla()));
        AlertStore.StoredAlert stored = store.insertIfAbsent(candidate);
        if (!stored.published()) {
            events.raised(stored.alert());
            store.markPublished(stored.alert().alertId());
        }
        return Optional.of(stored.alert());
    }

    /** One alert per response: the id is a name-based UUID of the response's source and id. */
    static String alertId(ResponseScored response) {
        return UUID.nameUUIDFromBytes(("alert|" + response.source() + "|" + response.responseId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
