package io.npsloop.platform.privacy;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.CustomerErased;
import io.npsloop.contracts.CustomerErasureRequested;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The erasure consumer and the on-arrival check in a real service context, on the shared broker
 * and store: a small consumer binding keeps notes about customers (one document per note, and an
 * index of note ids per customer, keyed by the customer) and its collections are erased like a
 * service's. A note that arrives after its customer's erasure is handled and stored pseudonymised;
 * a note whose handler runs while the customer is erased is erased right after it; the erasures
 * binding itself is left alone; failures are retried and dead-lettered as before.
 */
class ErasureOnArrivalIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NOTES_TOPIC = "erasure-it-notes-" + RUN;
    private static final String ERASURES_TOPIC = "erasure-it-erasures-" + RUN;

    /** Every payload the note handler was given, as text, in order. */
    static final List<String> handled = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final List<CustomerErased> receipts = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch held = new CountDownLatch(0);
    static volatile CountDownLatch holding = new CountDownLatch(0);

    private static ConfigurableApplicationContext context;
    private static MongoDatabase database;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        context = new SpringApplication(NotesApplication.class).run("--spring.main.banner-mode=off",
                "--spring.main.web-application-type=none", "--spring.config.name=nps-platform",
                "--spring.application.name=erasure-it",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri(), "--spring.mongodb.database=erasure_it_" + RUN,
                "--spring.cloud.function.definition=keepNotes;erasures",
                "--spring.cloud.stream.bindings.keepNotes-in-0.destination=" + NOTES_TOPIC,
                // A group of its own: a held handler must not hold up a rebalance of the erasures consumer.
                "--spring.cloud.stream.bindings.keepNotes-in-0.group=erasure-it-notes",
                "--spring.cloud.stream.bindings.erasures-in-0.destination=" + ERASURES_TOPIC,
                "--spring.cloud.stream.bindings.erasures-out.destination=" + ERASURES_TOPIC,
                "--nps.privacy.personal-data-topics=" + NOTES_TOPIC);
        database = context.getBean(MongoDatabase.class);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        // Both consumers have their partitions before a test starts, so no rebalance redelivers a record.
        String warmUp = "c-warm-up-" + RUN;
        try {
            sendNote(note("n-warm-up-" + RUN, warmUp, "Warm Up"));
            await().atMost(PATIENCE).until(() -> notesOf(warmUp) == 1);
            erase(warmUp);
        } catch (Exception e) {
            throw new IllegalStateException("The service did not start consuming", e);
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aNoteThatArrivesAfterItsCustomersErasureIsHandledAndStoredPseudonymised() throws Exception {
        String customer = "c-after-" + RUN;
        sendNote(note("n-before-" + RUN, customer, "Ada Before"));
        await().atMost(PATIENCE).until(() -> notesOf(customer) == 1);
        String erasureId = erase(customer);
        String replacement = "erased-" + erasureId;
        int handledBefore = handled.size();

        sendNote(note("n-after-" + RUN, customer, "Ada After"));

        Document stored = await().atMost(PATIENCE).until(() -> note("n-after-" + RUN), doc -> doc != null);
        assertThat(stored.getString("customerId")).isEqualTo(replacement);
        assertThat(stored.get("contact")).isNull();
        assertThat(stored.get("comment")).isNull();
        assertThat(stored.get("attributes", Document.class)).isEqualTo(new Document("ref", replacement).append("region", "EMEA"));
        assertThat(note("n-before-" + RUN).get("attributes", Document.class)).as("erased by the erasure itself")
                .isEqualTo(new Document("ref", replacement).append("region", "EMEA"));
        assertThat(stored.get("ratio")).as("numbers as they came").isEqualTo(0.25);
        String seen = handled.subList(handledBefore, handled.size()).stream().filter(text -> text.contains("n-after-"))
                .findFirst().orElseThrow();
        assertThat(seen).as("what the handler was given, and could publish").doesNotContain(customer, "Ada After", "ada@example.com");
        assertThat(database.getCollection("note_customers").find(Filters.eq("_id", replacement)).first().getList("noteIds", String.class))
                .as("the customer's index holds both notes, under the replacement")
                .containsExactlyInAnyOrder("n-before-" + RUN, "n-after-" + RUN);
        assertThat(documentsHolding(customer, "Ada Before", "Ada After", "ada@example.com")).isEmpty();
    }

    @Test
    void aNoteWhoseHandlerRunsWhileItsCustomerIsErasedIsErasedRightAfterIt() throws Exception {
        String customer = "c-race-" + RUN;
        held = new CountDownLatch(1);
        holding = new CountDownLatch(1);
        try {
            sendNote(note("n-race-" + RUN, customer, "Bea Race").append("hold", true));
            assertThat(holding.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the handler has the note").isTrue();

            // The erasure runs to its end while the handler has not written yet: its pass finds nothing.
            String erasureId = erase(customer);
            assertThat(receiptOf(erasureId).erased().values()).allMatch(n -> n == 0);
            held.countDown();

            await().atMost(PATIENCE).until(() -> documentsHolding(customer, "Bea Race").isEmpty() && note("n-race-" + RUN) != null);
            Document stored = note("n-race-" + RUN);
            assertThat(stored.getString("customerId")).isEqualTo("erased-" + erasureId);
            assertThat(stored.get("contact")).isNull();
            assertThat(database.getCollection("note_customers").find(Filters.eq("_id", "erased-" + erasureId)).first()).isNotNull();
        } finally {
            held.countDown();
        }
    }

    @Test
    void theErasuresBindingIsLeftAloneSoASecondErasureKeepsTheFirstReplacement() throws Exception {
        String customer = "c-twice-" + RUN;
        String first = erase(customer);
        String second = erase(customer);

        ErasedCustomers erased = context.getBean(ErasedCustomers.class);
        assertThat(erased.replacementFor(customer)).hasValue("erased-" + first);
        assertThat(erased.replacementFor("erased-" + first)).as("the second request reached the consumer unchanged").isEmpty();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void failingNotesAreRetriedAndDeadLetteredAsTheyWouldBeForACustomerNotErased() throws Exception {
        String erasedCustomer = "c-fail-" + RUN;
        erase(erasedCustomer);
        try (KafkaConsumer<byte[], byte[]> deadLetters = deadLetters()) {
            sendNote(note("n-fail-erased-" + RUN, erasedCustomer, "Cy Fail").append("fail", true));
            sendNote(note("n-fail-kept-" + RUN, "c-kept-" + RUN, "Di Fail").append("fail", true));
            producer.send(new ProducerRecord<>(NOTES_TOPIC, "c-poison", "{not json".getBytes(StandardCharsets.UTF_8))).get();

            List<String> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
                    dead.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                return dead.size() >= 3;
            });
            assertThat(dead).anyMatch(value -> value.contains("n-fail-erased-" + RUN)).anyMatch(value -> value.contains("n-fail-kept-" + RUN))
                    .contains("{not json");
        }
        int retried = attempts.get("n-fail-kept-" + RUN).get();
        assertThat(retried).as("a store failure is retried").isGreaterThan(1);
        assertThat(attempts.get("n-fail-erased-" + RUN).get()).as("as often for an erased customer").isEqualTo(retried);
        assertThat(attempts.get("{not json").get()).as("poison is not retried").isEqualTo(1);
        assertThat(handled).as("a payload that is not JSON reaches the handler untouched").contains("{not json");
    }

    private static Document note(String noteId, String customer, String name) {
        return new Document("eventId", noteId).append("customerId", customer)
                .append("contact", new Document("name", name).append("email", "ada@example.com"))
                .append("comment", name + " was unhappy").append("ratio", 0.25)
                .append("attributes", new Document("ref", customer).append("region", "EMEA").append("email", "ada@example.com"));
    }

    private static void sendNote(Document note) throws Exception {
        producer.send(new ProducerRecord<>(NOTES_TOPIC, note.getString("customerId"), note.toJson().getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Sends an erasure request and waits for the service's receipt; returns the erasure id. */
    private static String erase(String customer) throws Exception {
        String erasureId = UUID.randomUUID().toString();
        CustomerErasureRequested request = new CustomerErasureRequested(erasureId, EventTypes.CUSTOMER_ERASURE_REQUESTED,
                CustomerErasureRequested.SCHEMA_VERSION, Instant.now(), erasureId, customer, "it-admin");
        producer.send(new ProducerRecord<>(ERASURES_TOPIC, erasureId, JSON.writeValueAsBytes(request))).get();
        receiptOf(erasureId);
        return erasureId;
    }

    private static CustomerErased receiptOf(String erasureId) {
        return await().atMost(PATIENCE).until(
                () -> receipts.stream().filter(receipt -> receipt.erasureId().equals(erasureId)).findFirst().orElse(null),
                receipt -> receipt != null);
    }

    private static Document note(String noteId) {
        return database.getCollection("notes").find(Filters.eq("_id", noteId)).first();
    }

    private static long notesOf(String customer) {
        return database.getCollection("notes").countDocuments(Filters.eq("customerId", customer));
    }

    /** Every document of the service's database holding one of the markers. */
    private static List<String> documentsHolding(String... markers) {
        List<String> found = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                String json = document.toJson();
                for (String marker : markers) {
                    if (json.contains(marker)) {
                        found.add(collection + ": " + json);
                    }
                }
            }
        }
        return found;
    }

    private static KafkaConsumer<byte[], byte[]> deadLetters() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-it-dlq-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.deadLetter(NOTES_TOPIC)));
        return consumer;
    }

    @SpringBootApplication
    static class NotesApplication {

        /**
         * Keeps each note by its id and adds it to its customer's index, as a service's handler would;
         * a note asking to fail fails as a store outage does, one asking to be held waits for the test.
         */
        @Bean
        Consumer<byte[]> keepNotes(MongoDatabase database) {
            return payload -> {
                String text = new String(payload, StandardCharsets.UTF_8);
                handled.add(text);
                Document note;
                try {
                    note = Document.parse(text);
                } catch (JsonParseException e) {
                    attempts.computeIfAbsent(text, key -> new AtomicInteger()).incrementAndGet();
                    throw new IllegalArgumentException("Not a note");
                }
                String noteId = note.getString("eventId");
                attempts.computeIfAbsent(noteId, key -> new AtomicInteger()).incrementAndGet();
                if (note.getBoolean("fail", false)) {
                    throw new IllegalStateException("The store is down");
                }
                if (note.getBoolean("hold", false)) {
                    holding.countDown();
                    try {
                        held.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                database.getCollection("notes").replaceOne(Filters.eq("_id", noteId), note, new ReplaceOptions().upsert(true));
                database.getCollection("note_customers").updateOne(Filters.eq("_id", note.getString("customerId")),
                        Updates.addToSet("noteIds", noteId), new UpdateOptions().upsert(true));
            };
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
