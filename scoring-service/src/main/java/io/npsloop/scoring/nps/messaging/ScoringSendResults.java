package io.npsloop.scoring.nps.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.MessageChannel;

/**
 * Hands the future of each asynchronous send back to the publisher that made it. The Kafka binder's
 * producer handler, given a futures channel, sends every send's future to it for each message
 * carrying a {@link KafkaIntegrationHeaders#FUTURE_TOKEN} header; the channel is a direct one, so
 * that happens on the publishing thread before {@code StreamBridge.send} returns, and the publisher
 * takes its future right after.
 */
@Configuration(proxyBeanMethods = false)
class ScoringSendResults {

    private final Map<String, CompletableFuture<?>> futures = new ConcurrentHashMap<>();
    private final DirectChannel channel = new DirectChannel();

    ScoringSendResults() {
        channel.subscribe(message -> {
            String token = message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN, String.class);
            if (token != null && message.getPayload() instanceof CompletableFuture<?> future) {
                futures.put(token, future);
            }
        });
    }

    @Bean
    ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> scoringSendResultsChannel() {
        return (handler, destination) -> handler.setFuturesChannel(futuresChannel());
    }

    MessageChannel futuresChannel() {
        return channel;
    }

    @Nullable CompletableFuture<?> take(String token) {
        return futures.remove(token);
    }
}
