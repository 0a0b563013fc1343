package io.npsloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Asks the operating system for an unused loopback port. Kafka needs its controller address in
 * its configuration before it binds anything, so "bind to port 0 and read it back" is not an
 * option there; the small window between probing and binding is accepted for local use.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
