package io.npsloop.ingest.webhooks;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.imports.ResponseSink;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Handles one delivery: authenticate, drop a replayed delivery id, map, check against the API's
 * rules, hand to the intake, and only then remember the delivery id. The provider's name is the
 * source and its response id the response id, so even a replay with a new delivery id (or none)
 * meets the intake's own duplicate check and publishes nothing.
 */
public class WebhookIntake {

    private final Map<String, WebhookProvider> providers;
    private final DeliveryLog deliveries;
    private final ResponseChecks checks;
    private final ResponseSink sink;
    private final Clock clock;

    public WebhookIntake(List<WebhookProvider> providers, DeliveryLog deliveries, ResponseChecks checks,
            ResponseSink sink, Clock clock) {
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(WebhookProvider::name, Function.identity()));
        this.deliveries = deliveries;
        this.checks = checks;
        this.sink = sink;
        this.clock = clock;
    }

    public WebhookResult receive(String providerName, WebhookDelivery delivery) {
        WebhookProvider provider = providers.get(providerName);
        if (provider == null) {
            throw new UnknownProviderException(providerName);
        }
        @Nullable String deliveryId = provider.authenticate(delivery, clock.instant());
        if (deliveryId != null && deliveries.contains(providerName, deliveryId)) {
            return new WebhookResult(WebhookResult.DUPLICATE, null);
        }
        Optional<ResponseRequest> request = provider.toRequest(delivery);
        WebhookResult result;
        if (request.isEmpty()) {
            result = new WebhookResult(WebhookResult.IGNORED, null);
        } else {
            List<FieldProblem> problems = checks.problems(request.get());
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            IntakeResult taken = sink.accept(providerName, checks.toNewResponse(request.get()));
            result = new WebhookResult(taken.status().wireName(), taken.responseId());
        }
        if (deliveryId != null) {
            deliveries.record(providerName, deliveryId);
        }
        return result;
    }
}
