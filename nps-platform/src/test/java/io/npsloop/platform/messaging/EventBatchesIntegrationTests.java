package io.npsloop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.CustomerErased;
import io.npsloop.contracts.CustomerErasureRequested;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.InputWriter;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.privacy.CustomerDocuments;
import io.npsloop.platform.privacy.ErasureReceipts;
import io.npsloop.platform.privacy.PersonalDataEraser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch edge in a real service context, on the shared broker and store: a batch-mode binding
 * keeps notes (one document per note, an index of notes per customer) and publishes one event per
 * note through {@link EventSender}. Records arrive in batches; poison and failing records go alone
 * to the dead-letter topic with the binder's headers while every other record is kept exactly once;
 * records about an erased customer reach the handler pseudonymised; and the sender writes the very
 * record the binder's publisher writes.
 */
class EventBatchesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NOTES_TOPIC = "batches-it-notes-" + RUN;
    private static final String KEPT_TOPIC = "batches-it-kept-" + RUN;
    private static final String ERASURES_TOPIC = "batches-it-erasures-" + RUN;

    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final List<String> handled = new CopyOnWriteArrayList<>();
    static final List<CustomerErased> receipts = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch held = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    private static ConfigurableApplicationContext context;
    private static MongoDatabase database;
    private static InputWriter writer;

    @BeforeAll
    static void start() {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        writer = new InputWriter(infra.kafkaBootstrapServers());
        writer.createTopic(NOTES_TOPIC, 3);
        context = new SpringApplication(NotesApplication.class).run("--spring.main.banner-mode=off",
                "--spring.main.web-application-type=none", "--spring.config.name=nps-platform",
                "--spring.application.name=batches-it",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri(), "--spring.mongodb.database=batches_it_" + RUN,
                "--spring.cloud.function.definition=keepNotes;erasures",
                "--spring.cloud.stream.bindings.keepNotes-in-0.destination=" + NOTES_TOPIC,
                "--spring.cloud.stream.bindings.keepNotes-in-0.group=batches-it-notes",
                "--spring.cloud.stream.bindings.keepNotes-in-0.consumer.batch-mode=true",
                "--spring.cloud.stream.bindings.keepNotes-in-0.content-type=application/octet-stream",
                "--spring.cloud.stream.kafka.bindings.keepNotes-in-0.consumer.dlq-name=" + Topics.deadLetter(NOTES_TOPIC),
                "--spring.cloud.stream.bindings.kept-out.destination=" + KEPT_TOPIC,
                "--spring.cloud.stream.bindings.erasures-in-0.destination=" + ERASURES_TOPIC,
                "--spring.cloud.stream.bindings.erasures-out.destination=" + ERASURES_TOPIC,
                "--nps.privacy.personal-data-topics=" + NOTES_TOPIC);
        database = context.getBean(MongoDatabase.class);
        String warmUp = "c-warm-up-" + RUN;
        send(List.of(note("n-warm-up-" + RUN, warmUp)));
        await().atMost(PATIENCE).until(() -> note("n-warm-up-" + RUN) != null);
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void recordsArriveInBatchesAndEachIsKeptAndPublishedOnce() {
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            notes.add(note("n-many-" + i + "-" + RUN, "c-many-" + (i % 40) + "-" + RUN));
        }
        send(notes);

        await().atMost(PATIENCE).until(() -> database.getCollection("notes").countDocuments(Filters.regex("_id", "^n-many-")) == 600);
        assertThat(notes).allSatisfy(note -> assertThat(attempts.get(note.getString("eventId"))).hasValue(1));
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        assertThat(meters.get(EventBatches.SIZE_METER).tag("binding", "keepNotes").summary().max())
                .as("records are handed over many at a time").isGreaterThan(1);
        try (KafkaConsumer<byte[], byte[]> kept = consumer(KEPT_TOPIC)) {
            List<String> ids = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                kept.poll(Duration.ofMillis(200)).forEach(record -> ids.add(text(record.headers().lastHeader("ce_id"))));
                return ids.stream().filter(id -> id.startsWith("kept-n-many-")).count() >= 600;
            });
            assertThat(ids.stream().filter(id -> id.startsWith("kept-n-many-")).distinct().count()).isEqualTo(600);
        }
    }

    @Test
    void poisonAndFailingRecordsGoAloneToTheDeadLetterTopicAndTheRestIsKeptOnce() {
        List<Document> notes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            notes.add(note("n-mixed-" + i + "-" + RUN, "c-mixed-" + RUN));
        }
        notes.set(7, note("n-mixed-fail-" + RUN, "c-mixed-" + RUN).append("fail", true));
        // A response that breaks its schema (a score of 42) and a record that is not JSON at all.
        Document broken = Document.parse("{\"eventType\":\"" + EventTypes.RESPONSE_SUBMITTED + "\",\"eventId\":\"n-mixed-broken-" + RUN
                + "\",\"score\":42}");
        notes.set(12, broken);
        try (KafkaConsumer<byte[], byte[]> deadLetters = consumer(Topics.deadLetter(NOTES_TOPIC))) {
            send(notes);
            writer.send(NOTES_TOPIC, "c-mixed-" + RUN, "{not json").flush();

            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.size() >= 3;
            });
            await().atMost(PATIENCE).until(() -> database.getCollection("notes").countDocuments(Filters.regex("_id", "^n-mixed-\\d")) == 28);

            assertThat(dead).extracting(record -> text(record.value()))
                    .anyMatch(value -> value.contains("n-mixed-fail-" + RUN))
                    .anyMatch(value -> value.contains("n-mixed-broken-" + RUN))
                    .contains("{not json")
                    .hasSize(3);
            ConsumerRecord<byte[], byte[]> schemaBreak = dead.stream().filter(r -> text(r.value()).contains("n-mixed-broken-")).findFirst().orElseThrow();
            assertThat(text(schemaBreak.headers().lastHeader("x-exception-message"))).contains("/score");
            assertThat(text(schemaBreak.headers().lastHeader("x-original-topic"))).isEqualTo(NOTES_TOPIC);
            assertThat(schemaBreak.headers().lastHeader("x-original-offset").value()).hasSize(8);
            assertThat(schemaBreak.headers().lastHeader("x-original-partition").value()).hasSize(4);
            assertThat(attempts.get("n-mixed-fail-" + RUN).get()).as("a failing record is retried before it is given up").isGreaterThan(1);
            assertThat(handled).as("poison never reaches the handler").noneMatch(id -> id.contains("n-mixed-broken-"));
            for (int i = 0; i < 30; i++) {
                if (i != 7 && i != 12) {
                    assertThat(database.getCollection("note_customers").find(Filters.eq("_id", "c-mixed-" + RUN)).first()
                            .getList("noteIds", String.class)).contains("n-mixed-" + i + "-" + RUN);
                }
            }
            assertThat(database.getCollection("notes").find(Filters.regex("_id", "^n-mixed-\\d")).into(new ArrayList<>()))
                    .allSatisfy(note -> assertThat(note.getInteger("applied")).as("each kept once").isEqualTo(1));
        }
    }

    @Test
    void aRecordAboutAnErasedCustomerReachesTheHandlerPseudonymised() {
        String customer = "c-erased-" + RUN;
        String erasureId = erase(customer);

        send(List.of(note("n-erased-" + RUN, customer), note("n-kept-" + RUN, "c-kept-" + RUN)));

        await().atMost(PATIENCE).until(() -> note("n-erased-" + RUN) != null && note("n-kept-" + RUN) != null);
        Document stored = note("n-erased-" + RUN);
        assertThat(stored.getString("customerId")).isEqualTo("erased-" + erasureId);
        assertThat(stored.get("contact")).isNull();
        assertThat(stored.get("comment")).isNull();
        assertThat(note("n-kept-" + RUN).getString("comment")).as("the other customer's note as sent").isNotNull();
        assertThat(handled).noneMatch(text -> text.contains(customer) || text.contains("Ada n-erased-"));
    }

    /**
     * The erasure runs to its end while the batch's handler has read the record but not written it
     * yet, so the erasure's own pass finds nothing: the look-up after the handler sees the customer
     * erased and erases what the handler wrote.
     */
    @Test
    void aRecordWhoseBatchIsHandledWhileItsCustomerIsErasedIsErasedRightAfterIt() throws Exception {
        String customer = "c-race-" + RUN;
        held = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        try {
            send(List.of(note("n-race-" + RUN, customer).append("hold", true), note("n-race-other-" + RUN, "c-race-other-" + RUN)));
            assertThat(holding.await(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("the handler has the batch").isTrue();

            String erasureId = erase(customer);
            assertThat(receipts.stream().filter(receipt -> receipt.erasureId().equals(erasureId)).findFirst().orElseThrow()
                    .erased().values()).as("the erasure's own pass found nothing yet").allMatch(n -> n == 0);
            held.countDown();

            await().atMost(PATIENCE).until(() -> note("n-race-" + RUN) != null
                    && ("erased-" + erasureId).equals(note("n-race-" + RUN).getString("customerId")));
            Document stored = note("n-race-" + RUN);
            assertThat(stored.get("contact")).isNull();
            assertThat(stored.get("comment")).isNull();
            assertThat(note("n-race-other-" + RUN).getString("comment")).as("the other customer's note of the batch as sent").isNotNull();
        } finally {
            held.countDown();
        }
    }

    @Test
    void theSenderWritesTheRecordTheBindersPublisherWrites() {
        EventPublisher publisher = context.getBean(EventPublisher.class);
        EventSender sender = context.getBean(EventSender.class);
        Document payload = note("n-contract-" + RUN, "c-contract-" + RUN);
        Instant time = Instant.parse("2026-11-30T10:15:30.123Z");
        try (KafkaConsumer<byte[], byte[]> kept = consumer(KEPT_TOPIC)) {
            publisher.publish("kept-out", JSON.convertValue(payload, ObjectNode.class), "c-contract-" + RUN, "via-binder-" + RUN, "NoteKept", time);
            sender.sendAll(List.of(new OutgoingEvent("kept-out", "c-contract-" + RUN, JSON.convertValue(payload, ObjectNode.class),
                    "via-sender-" + RUN, "NoteKept", time)));
            Map<String, ConsumerRecord<byte[], byte[]>> byId = new ConcurrentHashMap<>();
            await().atMost(PATIENCE).until(() -> {
                kept.poll(Duration.ofMillis(200)).forEach(record -> byId.put(text(record.headers().lastHeader("ce_id")), record));
                return byId.containsKey("via-binder-" + RUN) && byId.containsKey("via-sender-" + RUN);
            });
            ConsumerRecord<byte[], byte[]> binder = byId.get("via-binder-" + RUN);
            ConsumerRecord<byte[], byte[]> direct = byId.get("via-sender-" + RUN);
            assertThat(direct.key()).isEqualTo(binder.key());
            assertThat(direct.partition()).as("the same key, the same partition").isEqualTo(binder.partition());
            assertThat(JSON.readTree(direct.value())).isEqualTo(JSON.readTree(binder.value()));
            for (String header : List.of("ce_type", "ce_source", "ce_time", "ce_specversion", "ce_subject")) {
                assertThat(text(direct.headers().lastHeader(header))).as(header).isEqualTo(text(binder.headers().lastHeader(header)));
            }
            assertThat(text(direct.headers().lastHeader("ce_source"))).isEqualTo("/nps-loop/batches-it");
            assertThat(text(direct.headers().lastHeader("ce_time"))).isEqualTo("2026-11-30T10:15:30.123Z");
            assertThat(text(direct.headers().lastHeader("content-type"))).isEqualTo("application/json");
        }
    }

    /** Sends an erasure request and waits for the service's receipt; returns the erasure id. */
    private static String erase(String customer) {
        String erasureId = UUID.randomUUID().toString();
        CustomerErasureRequested request = new CustomerErasureRequested(erasureId, EventTypes.CUSTOMER_ERASURE_REQUESTED,
                CustomerErasureRequested.SCHEMA_VERSION, Instant.now(), erasureId, customer, "it-admin");
        writer.send(ERASURES_TOPIC, erasureId, JSON.writeValueAsString(request)).flush();
        await().atMost(PATIENCE).until(() -> receipts.stream().anyMatch(receipt -> receipt.erasureId().equals(erasureId)));
        return erasureId;
    }

    private static Document note(String noteId, String customer) {
        return new Document("eventId", noteId).append("customerId", customer)
                .append("contact", new Document("name", "Ada " + noteId).append("email", "ada@example.com"))
                .append("comment", "Ada " + noteId + " was unhappy");
    }

    private static void send(List<Document> notes) {
        notes.forEach(note -> writer.send(NOTES_TOPIC, String.valueOf(note.get("customerId")), note.toJson()));
        writer.flush();
    }

    private static Document note(String noteId) {
        return database.getCollection("notes").find(Filters.eq("_id", noteId)).first();
    }

    private static String text(Header header) {
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "batches-it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @SpringBootApplication
    static class NotesApplication {

        /**
         * Keeps each note once (a note counts how often it was applied, guarded by its id), adds it to its
         * customer's index, and publishes one event per note; a note asking to fail fails as a store outage does.
         */
        @Bean
        Consumer<Message<List<byte[]>>> keepNotes(EventBatches batches, MongoDatabase database, EventSender sender) {
            return batches.consumer("keepNotes", JsonNode.class, batch -> {
                List<OutgoingEvent> kept = new ArrayList<>();
                for (ConsumedEvent<JsonNode> record : batch) {
                    String noteId = record.event().path("eventId").asString();
                    attempts.computeIfAbsent(noteId, key -> new AtomicInteger()).incrementAndGet();
                    if (record.event().path("fail").asBoolean(false)) {
                        throw new IllegalStateException("The store is down");
                    }
                    if (record.event().path("hold").asBoolean(false)) {
                        holding.countDown();
                        try {
                            held.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                for (ConsumedEvent<JsonNode> record : batch) {
                    JsonNode event = record.event();
                    handled.add(event.toString());
                    String noteId = event.path("eventId").asString();
                    Document note = Document.parse(event.toString());
                    note.remove("eventId");
                    database.getCollection("notes").updateOne(Filters.eq("_id", noteId),
                            Updates.combine(Updates.setOnInsert("customerId", note.get("customerId")),
                                    Updates.setOnInsert("contact", note.get("contact")), Updates.setOnInsert("comment", note.get("comment")),
                                    Updates.setOnInsert("applied", 1)),
                            new UpdateOptions().upsert(true));
                    database.getCollection("note_customers").updateOne(Filters.eq("_id", event.path("customerId").asString()),
                            Updates.addToSet("noteIds", noteId), new UpdateOptions().upsert(true));
                    kept.add(new OutgoingEvent("kept-out", event.path("customerId").asString(), event, "kept-" + noteId, "NoteKept",
                            Instant.now()));
                }
                sender.sendAll(kept);
            });
        }

        @Bean
        PersonalDataEraser notesPersonalData(MongoDatabase database) {
            return CustomerDocuments.in(database).collection("notes", "customerId").collection("note_customers", "_id");
        }

        @Bean
        ErasureReceipts receipts() {
            return receipts::add;
        }
    }
}
