package io.npsloop.reporting.projections.mongo;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.infra.LocalMongoServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The wire-compatible store of a test class, in memory: started before its tests, stopped after
 * them, with a database of its own for each test that asks ({@code @RegisterExtension static}).
 */
final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private final AtomicInteger databases = new AtomicInteger();
    private LocalMongoServer server;
    private MongoClient client;

    InMemoryMongo(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalMongoServer.inMemory(0);
        client = MongoClients.create(server.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    MongoDatabase freshDatabase() {
        return client.getDatabase(prefix + databases.incrementAndGet());
    }
}
