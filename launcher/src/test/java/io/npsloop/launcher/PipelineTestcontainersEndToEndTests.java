package io.npsloop.launcher;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same journey against the official Apache Kafka and MongoDB images. Runs where a Docker
 * engine exists and is reported as skipped elsewhere; the embedded variant proves the same path
 * on every build.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineTestcontainersEndToEndTests {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.15");

    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void detractorTravelsFromPostToAnOpenCaseAndAReportFigureOnRealKafkaAndMongo() throws Exception {
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        pipeline = LocalPipeline.connect(KAFKA.getBootstrapServers(), MONGO.getConnectionString(), randomPorts, List.of());
        DetractorJourney.run(new PipelineClient(pipeline));
    }
}
