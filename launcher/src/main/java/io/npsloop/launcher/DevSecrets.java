package io.npsloop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of a local run, generated on its first start into the data directory (never into the
 * repository): the signing secret of outgoing alert webhooks.
 */
final class DevSecrets {

    private final String webhookSecret;

    private DevSecrets(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    static DevSecrets at(Path directory) {
        Path file = directory.resolve("webhook-secret");
        try {
            Files.createDirectories(directory);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temporary = Files.createTempFile(directory, "webhook-secret", ".tmp");
                try {
                    Files.writeString(temporary, "whsec_" + Base64.getEncoder().encodeToString(random));
                    Files.createLink(file, temporary);
                } catch (FileAlreadyExistsException e) {
                    // created by a concurrent start: that one is used
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return new DevSecrets(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local run's secrets in " + directory, e);
        }
    }

    String webhookSecret() {
        return webhookSecret;
    }
}
