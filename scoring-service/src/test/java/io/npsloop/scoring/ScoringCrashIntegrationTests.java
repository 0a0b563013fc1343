package io.npsloop.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.infra.InputWriter;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoringEvents;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.TallyChange;
import io.npsloop.statistics.NpsTally;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exactness invariant with the real broker and the wire-compatible store: a stream of
 * responses with duplicates and revisions is consumed in small batches until the process "crashes"
 * mid-batch (publishing fails from the Nth event on, and the next batch dies half-way through its
 * tally updates) without having committed any offset; a fresh instance then consumes everything
 * again in batches of another size. Every daily tally and the
 * set of scored events must equal what this test counts from the input on its own.
 */
class ScoringCrashIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] CHANNELS = {"email", "sms", "web"};
    private static final String[] REGIONS = {"EMEA", "APAC", "AMER", "LATAM"};
    private static final int RESPONSES = 700;
    private static final int CUSTOMERS = 200;
    private static final int PARTITIONS = 6;
    /**
     * Each batch publishes its scored responses and one daily figure per bucket it touched; the first
     * instance takes small batches, so it dies a few batches in. The second takes the default size:
     * its batches start and end elsewhere than the first instance's did.
     */
    private static final int CRASH_AFTER_EVENTS = 300;
    private static final int FIRST_INSTANCE_BATCH = 40;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String responsesTopic = "crash-" + run + ".responses";
    private final String scoredTopic = "crash-" + run + ".scored";
    private final String metricsTopic = "crash-" + run + ".metrics";
    private final String database = "scoring_crash_" + run;
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void crashMidStreamAndRedeliveryLeaveEveryTallyEqualToAnIndependentCount() throws Exception {
        List<ResponseSubmitted> input = generate(new Random(42));
        produce(input);
        Map<String, NpsTally> expected = independentCount(input);
        Set<String> expectedScored = distinctRevisions(input);

        CrashingEvents.reset(CRASH_AFTER_EVENTS);
        context = start(true);
        assertThat(CrashingEvents.crashed.await(120, TimeUnit.SECONDS)).as("the first instance reached the crash point").isTrue();
        context.close();
        context = null;
        // Its listener thread may outlive a slow shutdown; a dead process writes nothing more.
        CrashingEvents.bury();
        Map<String, NpsTally> afterCrash = tallies();
        assertThat(afterCrash).as("the crash left the work unfinished").isNotEqualTo(expected);

        context = start(false);

        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> tallies().equals(expected));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(diagnosis(expected), e);
        }
        Set<String> scored = await().atMost(Duration.ofSeconds(60)).until(() -> scoredEventIds(expectedScored.size()),
                ids -> ids.size() >= expectedScored.size());
        assertThat(scored).hasSize(expectedScored.size());
        assertThat(tallies()).isEqualTo(expected);
        assertThat(expected.get("overall|all").n()).as("revisions moved responses, never added them").isEqualTo(RESPONSES);
    }

    private ConfigurableApplicationContext start(boolean crashing) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + LocalInfrastructure.shared().kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + LocalInfrastructure.shared().mongoUri(),
                "--spring.mongodb.database=" + database,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.destination=" + responsesTopic,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.group=scoring-crash-" + run,
                "--spring.cloud.stream.bindings.scored-out.destination=" + scoredTopic,
                "--spring.cloud.stream.bindings.metrics-out.destination=" + metricsTopic,
                "--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.dlq-name=" + responsesTopic + ".dlq",
                "--nps.scoring.attribute-dimensions=region"));
        if (crashing) {
            // The crashed process never commits: nothing it consumed counts as done.
            args.add("--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.ack-mode=MANUAL");
            args.add("--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.enable-dlq=false");
            // A dead process skips nothing: a failed record is retried until the process is gone, never
            // logged and skipped (which commits past it, as a living process without a dead-letter topic does).
            args.add("--spring.cloud.stream.bindings.scoreResponse-in-0.consumer.max-attempts=" + Integer.MAX_VALUE);
            args.add("--spring.cloud.stream.bindings.scoreResponse-in-0.consumer.back-off-initial-interval=200");
            args.add("--spring.cloud.stream.bindings.scoreResponse-in-0.consumer.back-off-max-interval=200");
            args.add("--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.configuration.max.poll.records=" + FIRST_INSTANCE_BATCH);
            return ScoringServiceApplication.builder().sources(CrashingEvents.class).run(args.toArray(String[]::new));
        }
        return ScoringServiceApplication.builder().run(args.toArray(String[]::new));
    }

    /** Responses over the last 20 days: some revised (a new answer, maybe another day), some sent two or three times. */
    private static List<ResponseSubmitted> generate(Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ResponseSubmitted> records = new ArrayList<>();
        Map<Integer, ResponseSubmitted> current = new HashMap<>();
        for (int id = 0; id < RESPONSES; id++) {
            ResponseSubmitted first = submitted(id, 1, random.nextInt(11), now.minus(random.nextInt(20 * 24), ChronoUnit.HOURS), random);
            records.add(first);
            current.put(id, first);
            if (random.nextInt(5) == 0) {
                records.add(current.get(random.nextInt(id + 1)));
            }
            if (id > 10 && random.nextInt(6) == 0) {
                ResponseSubmitted old = current.get(random.nextInt(id));
                int responseId = Integer.parseInt(old.responseId().substring(2));
                Instant answeredAt = random.nextBoolean() ? old.occurredAt() : now.minus(random.nextInt(20 * 24), ChronoUnit.HOURS);
                ResponseSubmitted revised = submitted(responseId, old.revision() + 1, random.nextInt(11), answeredAt, random);
                records.add(revised);
                current.put(responseId, revised);
                if (random.nextInt(4) == 0) {
                    records.add(old);
                }
            }
        }
        return records;
    }

    private static ResponseSubmitted submitted(int id, int revision, int score, Instant answeredAt, Random random) {
        return new ResponseSubmitted(UUID.randomUUID().toString(), EventTypes.RESPONSE_SUBMITTED, ResponseSubmitted.SCHEMA_VERSION,
                answeredAt, answeredAt, "crash-test", "r-" + id, revision, "s-1", "c-" + (id % CUSTOMERS), null, null, score,
                null, CHANNELS[random.nextInt(CHANNELS.length)], null, Map.of("region", REGIONS[random.nextInt(REGIONS.length)]), null);
    }

    private void produce(List<ResponseSubmitted> records) {
        try (InputWriter writer = new InputWriter(LocalInfrastructure.shared().kafkaBootstrapServers())) {
            writer.createTopic(responsesTopic, PARTITIONS);
            records.forEach(record -> writer.send(responsesTopic, record.customerId(), JSON.writeValueAsString(record)));
        }
    }

    /** Counted from the input alone: the latest revision of each response, in each of its segments, on its UTC day. */
    private static Map<String, NpsTally> independentCount(List<ResponseSubmitted> input) {
        Map<String, ResponseSubmitted> latest = new HashMap<>();
        for (ResponseSubmitted response : input) {
            latest.merge(response.responseId(), response, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        Map<String, NpsTally> counts = new HashMap<>();
        for (ResponseSubmitted response : latest.values()) {
            LocalDate day = LocalDate.ofInstant(response.occurredAt(), ZoneOffset.UTC);
            int score = response.score();
            NpsTally one = new NpsTally(score >= 9 ? 1 : 0, score == 7 || score == 8 ? 1 : 0, score <= 6 ? 1 : 0);
            for (String segment : List.of("overall|all", "channel|" + response.channel(), "surveyId|s-1",
                    "region|" + response.attributes().get("region"))) {
                counts.merge(segment + "|" + day, one, NpsTally::plus);
                counts.merge(segment, one, NpsTally::plus);
            }
        }
        return counts;
    }

    private static Set<String> distinctRevisions(List<ResponseSubmitted> input) {
        Set<String> revisions = new HashSet<>();
        input.forEach(response -> revisions.add(response.responseId() + "#" + response.revision()));
        return revisions;
    }

    /** The stored daily tallies (zero tallies left out), plus each segment's total, keyed like {@link #independentCount}. */
    private Map<String, NpsTally> tallies() {
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            Map<String, NpsTally> tallies = new HashMap<>();
            for (Document month : client.getDatabase(database).getCollection("monthly_tallies").find()) {
                String segment = month.getString("dimension") + "|" + month.getString("segment");
                month.get("days", Document.class).forEach((field, value) -> {
                    Document day = (Document) value;
                    NpsTally tally = new NpsTally(day.get("promoters", Number.class).longValue(),
                            day.get("passives", Number.class).longValue(), day.get("detractors", Number.class).longValue());
                    if (tally.n() > 0) {
                        tallies.put(segment + "|" + month.getString("month") + "-" + field.substring(1), tally);
                        tallies.merge(segment, tally, NpsTally::plus);
                    }
                });
            }
            return tallies;
        }
    }

    /** What differs, what was dead-lettered and how far the second instance got: a slow run and a wrong count look different. */
    private String diagnosis(Map<String, NpsTally> expected) {
        Map<String, NpsTally> actual = tallies();
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                differences.add(key + ": expected " + expected.get(key) + ", stored " + actual.get(key));
            }
        }
        List<String> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read(responsesTopic + ".dlq", Duration.ofSeconds(5))) {
            Header reason = record.headers().lastHeader("x-exception-message");
            deadLettered.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
        }
        Map<String, Double> outcomes = new TreeMap<>();
        if (context != null) {
            context.getBean(MeterRegistry.class).find("nps.scoring.responses").counters()
                    .forEach(counter -> outcomes.put(counter.getId().getTag("outcome"), counter.count()));
        }
        return "The tallies never matched the independent count. " + differences.size() + " differ"
                + (differences.isEmpty() ? "" : ", first: " + differences.subList(0, Math.min(10, differences.size())))
                + "; dead-lettered: " + deadLettered.size() + " " + deadLettered.subList(0, Math.min(5, deadLettered.size()))
                + "; records scored by the second instance, by outcome: " + outcomes;
    }

    private static List<ConsumerRecord<String, String>> read(String topic, Duration within) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private Set<String> scoredEventIds(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        Set<String> ids = new HashSet<>();
        // Every partition assigned directly, from the start: no consumer group to join and leave, whose
        // coordinator round trips (up to 30 s on close) would eat the caller's patience.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(scoredTopic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    ids.add(event.path("eventId").asString());
                }
            }
        }
        return ids;
    }

    /**
     * Lets {@code crashAfter} events through, then behaves as a process that died: every publication
     * fails, and the next batch dies half-way through its tally updates (some buckets changed, the
     * responses not saved), the case the per-partition offset guard exists for; nothing later is written.
     */
    @Configuration(proxyBeanMethods = false)
    static class CrashingEvents {

        static final AtomicInteger published = new AtomicInteger();
        static volatile int crashAfter;
        static volatile CountDownLatch crashed = new CountDownLatch(1);
        static final AtomicBoolean halfApplied = new AtomicBoolean();
        private static final Object WRITES = new Object();
        private static boolean buried;

        static void reset(int after) {
            published.set(0);
            halfApplied.set(false);
            synchronized (WRITES) {
                buried = false;
            }
            crashAfter = after;
            crashed = new CountDownLatch(1);
        }

        @Bean
        static BeanPostProcessor crashingScoringEventsAndStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof ScoringEvents delegate) {
                        return crashingEvents(delegate);
                    }
                    if (bean instanceof ScoringStore delegate) {
                        return crashingStore(delegate);
                    }
                    return bean;
                }
            };
        }

        private static ScoringEvents crashingEvents(ScoringEvents delegate) {
            return (scored, metrics) -> {
                // A process dying mid-record: the events before the crash point are out, the rest never are.
                pass();
                List<NpsMetricsUpdated> passed = new ArrayList<>();
                try {
                    for (NpsMetricsUpdated figure : metrics) {
                        pass();
                        passed.add(figure);
                    }
                } finally {
                    delegate.publish(scored, passed);
                }
            };
        }

        private static ScoringStore crashingStore(ScoringStore delegate) {
            return (ScoringStore) Proxy.newProxyInstance(ScoringStore.class.getClassLoader(), new Class<?>[] {ScoringStore.class},
                    (proxy, method, args) -> {
                        synchronized (WRITES) {
                            if (buried) {
                                throw new IllegalStateException("Simulated crash: the process is gone");
                            }
                            return crashingCall(delegate, method, args);
                        }
                    });
        }

        @SuppressWarnings("unchecked")
        private static Object crashingCall(ScoringStore delegate, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("applyTallies") && crashed.getCount() == 0) {
                // A dead process writes nothing more: the listener goes on to the next
                // records, which a real crash would never reach.
                if (!halfApplied.compareAndSet(false, true)) {
                    throw new IllegalStateException("Simulated crash: the process is gone");
                }
                List<TallyChange> changes = (List<TallyChange>) args[0];
                delegate.applyTallies(changes.subList(0, (changes.size() + 1) / 2));
                throw new IllegalStateException("Simulated crash: the process died half-way through its tally updates");
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** From here on the first instance writes nothing, even from a listener thread its shutdown left running. */
        static void bury() {
            synchronized (WRITES) {
                buried = true;
            }
        }

        private static void pass() {
            if (published.incrementAndGet() > crashAfter) {
                crashed.countDown();
                throw new IllegalStateException("Simulated crash: the process died before this event was published");
            }
        }
    }
}
