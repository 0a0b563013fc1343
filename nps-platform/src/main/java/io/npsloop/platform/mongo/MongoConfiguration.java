package io.npsloop.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own database: each service keeps its data in a database of its own (named by
 * {@code spring.mongodb.database}, or the database in {@code spring.mongodb.uri}) and never reads
 * another service's.
 */
@AutoConfiguration(after = {MongoAutoConfiguration.class, JacksonAutoConfiguration.class},
        before = MongoHealthContributorAutoConfiguration.class)
public class MongoConfiguration {

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }

    /** Named as Boot's own indicator, which then backs off. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoPingHealthIndicator(database);
    }

    @Bean
    JsonDocuments jsonDocuments(JsonMapper mapper) {
        return new JsonDocuments(mapper);
    }
}
