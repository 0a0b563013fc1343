package io.npsloop.infra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfrastructureIntegrationTests {

    @Test
    void concurrentCallersShareOneRunningBrokerAndMongo() throws Exception {
        List<CompletableFuture<LocalInfrastructure>> callers = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(LocalInfrastructure::shared))
                .toList();
        LocalInfrastructure infrastructure = callers.get(0).get();
        for (CompletableFuture<LocalInfrastructure> caller : callers) {
            assertThat(caller.get()).isSameAs(infrastructure);
        }
        assertThat(LocalInfrastructure.shared()).isSameAs(infrastructure);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            Document pong = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(pong.get("ok", Number.class).intValue()).isEqualTo(1);
        }
    }
}
