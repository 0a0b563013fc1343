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
 * repository): the signing secret of outgoing alert webhooks and the API key of the development
 * source system.
 */
final class DevSecrets {

    private final String webhookSecret;
    private final String ingestApiKey;

    private DevSecrets(String webhookSecret, String ingestApiKey) {
        this.webhookSecret = webhookSecret;
        this.ingestApiKey = ingestApiKey;
    }

    static DevSecrets at(Path directory) {
        try {
            Files.createDirectories(directory);
            return new DevSecrets("whsec_" + secret(directory.resolve("webhook-secret"), Base64.getEncoder()),
                    "dev-" + secret(directory.resolve("ingest-api-key"), Base64.getUrlEncoder().withoutPadding()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local run's secrets in " + directory, e);
        }
    }

    /** 32 random bytes, encoded, kept in the file; created there on first use. */
    private static String secret(Path file, Base64.Encoder encoding) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temporary, encoding.encodeToString(random));
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                // created by a concurrent start: that one is used
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return Files.readString(file).strip();
    }

    String webhookSecret() {
        return webhookSecret;
    }

    /** The key survey-ingest accepts from the development source system ({@code dev}). */
    String ingestApiKey() {
        return ingestApiKey;
    }
}
