package io.npsloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire-compatible server (mongo-java-server) that the real MongoDB driver talks to
 * over TCP, either in memory or backed by an H2 MVStore file that survives restarts. It has no
 * transactions, change streams or TTL expiry, so code proven against it must not rely on them. A
 * query that pins {@code _id} beside other conditions (a guarded update) is answered from the
 * {@code _id} index rather than a scan ({@link IdFirstBackends}), as MongoDB answers it.
 * {@link #main(String[])} runs it as its own process.
 */
public final class LocalMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMongoServer.class);

    private static final String HOST = "127.0.0.1";

    private final MongoServer server;
    private final int port;
    private final Object lifecycle = new Object();
    private boolean closed;

    private LocalMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} (0 picks a free port) whose data lives in the
     * H2 MVStore {@code file}, created with its parent directories if missing.
     */
    public static LocalMongoServer onDisk(Path file, int port) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + absolute, e);
        }
        return start(new IdFirstBackends.OnDisk(absolute.toString()), port, absolute.toString());
    }

    /** Starts a server on {@code 127.0.0.1:port} (0 picks a free port) that keeps data in memory only. */
    public static LocalMongoServer inMemory(int port) {
        return start(new IdFirstBackends.Memory(), port, "memory");
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} (0 picks a free port) that keeps data in memory as
     * BSON bytes ({@link BsonMemoryBackend}): several times less memory per document than
     * {@link #inMemory}, for a decode on every read.
     */
    public static LocalMongoServer inMemoryAsBson(int port) {
        return start(new BsonMemoryBackend(), port, "memory, as BSON");
    }

    private static LocalMongoServer start(MongoBackend backend, int port, String storage) {
        if (port < 0 || port > 65_535) {
            backend.close();
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        MongoServer server = new MongoServer(backend);
        // bind() shuts the server and its backend down itself when the port is taken.
        server.bind(HOST, port);
        LocalMongoServer mongo = new LocalMongoServer(server, server.getLocalAddress().getPort());
        log.info("Mongo server ready on {} (data in {})", mongo.connectionString(), storage);
        return mongo;
    }

    public String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Disconnects the clients, stops listening and closes the backend; for the file backend that
     * commits and closes the MVStore, so the file is consistent on the next start. Calling it
     * again does nothing.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            // shutdown() alone would wait for connected clients, and pooled driver connections never leave.
            server.shutdownNow();
            log.info("Mongo server on {} stopped", connectionString());
        }
    }

    /**
     * Runs a server as its own process: {@code --data-file F --port N} (without
     * {@code --data-file} the data stays in memory). Prints {@code MONGO_READY <uri>} on stdout
     * once it listens and shuts down cleanly on SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("data-file", "port"));
        int port = commandLine.integer("port", 27017);
        LocalMongoServer mongo = commandLine.has("data-file")
                ? onDisk(Path.of(commandLine.required("data-file")), port)
                : inMemory(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-server-shutdown"));
        System.out.println("MONGO_READY " + mongo.connectionString());
        System.out.flush();
        stopped.await();
    }
}
