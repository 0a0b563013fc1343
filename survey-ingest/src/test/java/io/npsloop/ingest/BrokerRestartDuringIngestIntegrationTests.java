package io.npsloop.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalKafkaBroker;
import io.npsloop.ingest.support.RunningIngest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker of its own is stopped and started again on the same port and data directory while
 * client threads keep submitting distinct responses. Every answer is recorded: while the broker is
 * down the answer is a 503 problem with Retry-After, never a 2xx; afterwards every response that got
 * a 2xx is on {@code nps.responses.v1} exactly once, and every refused one, sent again after the
 * restart, is there with one event id (a refusal after the broker wrote but before it acknowledged
 * leaves a second copy of the same event, which consumers drop).
 */
class BrokerRestartDuringIngestIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CLIENTS = 4;
    private static final int WARM_UP = 20;

    @TempDir
    Path kafkaDir;

    /** One request and its answer; times are System.nanoTime() when it was sent and answered. */
    record Attempt(String responseId, long sent, long answered, int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void answeredResponsesAreOnTheTopicExactlyOnceAcrossABrokerRestartAndRefusedOnesWereRetryable503s() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalKafkaBroker broker = LocalKafkaBroker.start(kafkaDir, 0, 3);
        int port = broker.port();
        RunningIngest ingest = RunningIngest.startWithBroker(broker.bootstrapServers(), "ingest_restart_it_" + run,
                "--nps.ingest.rate-limit.permits=1000000", "--nps.ingest.retry-after=1s");
        Clients clients = new Clients(ingest.port(), "restart-" + run);
        try {
            clients.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.acceptedSince(0) >= WARM_UP);

            broker.close();
            long stopped = System.nanoTime();
            // Each client has been refused at least once while nothing listened on the broker's port.
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.refusedClientsSentAfter(stopped) == CLIENTS);

            long restarting = System.nanoTime();
            broker = LocalKafkaBroker.start(kafkaDir, port, 3);
            assertThat(broker.port()).isEqualTo(port);
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).until(() -> clients.acceptedSince(restarted) >= WARM_UP);
            clients.stop();


            List<Attempt> attempts = clients.attempts();
            assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.status()).as("%s", attempt).isIn(202, 503));
            assertThat(attempts).filteredOn(attempt -> attempt.status() == 503).allSatisfy(refused -> {
                assertThat(refused.retryAfter()).as("%s", refused).isEqualTo("1");
                assertThat(refused.contentType()).as("%s", refused).startsWith("application/problem+json");
                assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(503);
            });
            List<Attempt> duringOutage = attempts.stream()
                    .filter(attempt -> attempt.sent() > stopped && attempt.answered() < restarting).toList();
            assertThat(duringOutage).as("requests sent and answered while the broker was down").isNotEmpty()
                    .allSatisfy(attempt -> assertThat(attempt.status()).as("%s", attempt).isEqualTo(503));

            Set<String> accepted = attempts.stream().filter(attempt -> attempt.status() == 202).map(Attempt::responseId)
                    .collect(Collectors.toSet());
            Set<String> refused = attempts.stream().filter(attempt -> attempt.status() == 503).map(Attempt::responseId)
                    .collect(Collectors.toSet());
            // Sent again once the broker is back, as a client honouring Retry-After would.
            for (String responseId : refused) {
                if (clients.submit(responseId).status() != 202) {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .until(() -> clients.submit(responseId).status() == 202);
                }
            }

            Map<String, List<String>> onTopic = readToTheEnd(broker.bootstrapServers());
            System.out.printf("Broker restart: %d requests, %d answered 202 at once, %d refused with 503 and retried, %d responses on the topic%n",
                    attempts.size(), accepted.size(), refused.size(), onTopic.size());
            assertThat(refused).as("responses refused while the broker was down").isNotEmpty();
            assertThat(onTopic.keySet()).as("nothing that was never sent").allMatch(id -> accepted.contains(id) || refused.contains(id));
            assertThat(accepted).as("responses answered 202 at once: on the topic exactly once (response id to event id@partition:offset)")
                    .allSatisfy(id -> assertThat(onTopic.get(id)).as(id).hasSize(1));
            // A 503 can come after the broker wrote the record but before it acknowledged it (it was
            // shutting down); the client's retry then writes a second copy. Both carry one event id,
            // derived from the response, so every consumer counts the response once.
            assertThat(refused).as("responses refused with 503, then retried until accepted: on the topic, every copy "
                    + "with the one event id of the response (response id to event id/revision@partition:offset)")
                    .allSatisfy(id -> assertThat(onTopic.get(id)).as(id).isNotEmpty()
                            .extracting(copy -> copy.substring(0, copy.indexOf('@'))).containsOnly(onTopic.get(id).get(0)
                                    .substring(0, onTopic.get(id).get(0).indexOf('@'))));
        } finally {
            clients.stop();
            ingest.close();
            broker.close();
        }
    }

    /**
     * Every record of the topic on this broker, read from the beginning up to the end offsets, by
     * response id: {@code eventId/revision@partition:offset} of each copy.
     */
    private static Map<String, List<String>> readToTheEnd(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, List<String>> copies = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(Topics.RESPONSES, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(partition.topic(), partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    copies.computeIfAbsent(event.path("responseId").asString(), id -> new ArrayList<>()).add(event.path("eventId").asString()
                            + "/" + event.path("revision").asInt() + "@" + record.partition() + ":" + record.offset());
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
        }
        return copies;
    }

    /** Client threads, each submitting new responses one after the other until stopped. */
    private static final class Clients {

        private final int port;
        private final String prefix;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        Clients(int port, String prefix) {
            this.port = port;
            this.prefix = prefix;
        }

        void start() {
            for (int client = 0; client < CLIENTS; client++) {
                String clientPrefix = prefix + "-" + client + "-";
                Thread thread = new Thread(() -> {
                    for (int n = 0; !stopping.get(); n++) {
                        attempts.add(submit(clientPrefix + n));
                    }
                }, "ingest-client-" + client);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        /** Submits the response with this id; its body depends on the id only, so a retry sends the same body. */
        Attempt submit(String responseId) {
            int n = Math.abs(responseId.hashCode());
            String body = "{\"responseId\":\"" + responseId + "\",\"customerId\":\"c-" + (n % 17) + "\",\"score\":" + (n % 11)
                    + ",\"channel\":\"web\"}";
            long sent = System.nanoTime();
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/responses"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", RunningIngest.DEV_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                return new Attempt(responseId, sent, System.nanoTime(), answer.statusCode(),
                        answer.headers().firstValue("Content-Type").orElse(""), answer.headers().firstValue("Retry-After").orElse(""),
                        answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(responseId, sent, System.nanoTime(), -1, "", "", e.toString());
            } catch (java.io.IOException e) {
                return new Attempt(responseId, sent, System.nanoTime(), -1, "", "", e.toString());
            }
        }

        long acceptedSince(long sentAfter) {
            return attempts.stream().filter(attempt -> attempt.sent() > sentAfter && attempt.status() == 202).count();
        }

        long refusedClientsSentAfter(long sentAfter) {
            return attempts.stream().filter(attempt -> attempt.sent() > sentAfter && attempt.status() == 503)
                    .map(attempt -> attempt.responseId().substring(0, attempt.responseId().lastIndexOf('-')))
                    .distinct().count();
        }

        List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread thread : threads) {
                thread.join(90_000);
            }
        }
    }
}
