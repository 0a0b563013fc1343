package io.npsloop.infra;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class LocalKafkaBrokerIntegrationTests {

    private static final String TOPIC = "infra.check.v1";
    private static final int RECORDS = 20;

    @Test
    void recordsAndCommittedOffsetsSurviveARestartOnTheSameDataDirAndPort(@TempDir Path dataDir) throws Exception {
        List<String> written = new ArrayList<>();
        int port;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, 3)) {
            port = broker.port();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "customer-" + i, "response-" + i)).get();
                    written.add("response-" + i);
                }
            }
            assertThat(consumeAll(broker, "before-restart")).containsExactlyInAnyOrderElementsOf(written);
            broker.close();
            broker.close();
        }

        try (LocalKafkaBroker restarted = LocalKafkaBroker.start(dataDir, port, 3)) {
            assertThat(restarted.port()).isEqualTo(port);
            assertThat(consumeAll(restarted, "after-restart")).containsExactlyInAnyOrderElementsOf(written);
            try (Admin admin = admin(restarted)) {
                Map<?, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("before-restart")
                        .partitionsToOffsetAndMetadata().get();
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(RECORDS);
            }
        }
    }

    @Test
    void topicsCreatedOnFirstUseGetTheConfiguredPartitionCount(@TempDir Path dataDir) throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, 0, 4)) {
            String topic = "auto." + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            }
            try (Admin admin = admin(broker)) {
                TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).hasSize(4);
            }
        }
    }

    @Test
    void startOnATakenPortFailsWithTheAddressInTheMessage(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> LocalKafkaBroker.start(dataDir, taken.getLocalPort(), 1))
                    .withMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aSecondBrokerOnADataDirInUseIsRefusedBeforeItTouchesTheData(@TempDir Path dataDir) {
        try (LocalKafkaBroker first = LocalKafkaBroker.start(dataDir, 0, 1)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> LocalKafkaBroker.start(dataDir, 0, 1))
                    .withMessageContaining("in use");
            assertThat(first.bootstrapServers()).isNotBlank();
        }
        try (LocalKafkaBroker again = LocalKafkaBroker.start(dataDir, 0, 1)) {
            assertThat(again.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        }
    }

    private static List<String> consumeAll(LocalKafkaBroker broker, String group) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= RECORDS;
            });
            consumer.commitSync();
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(LocalKafkaBroker broker) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(LocalKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
