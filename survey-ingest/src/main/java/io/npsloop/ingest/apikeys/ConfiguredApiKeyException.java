package io.npsloop.ingest.apikeys;

/** A change that only the configuration can make, such as revoking a configured key. */
public class ConfiguredApiKeyException extends RuntimeException {

    public ConfiguredApiKeyException(String name) {
        super("The key " + name + " comes from the service's configuration (nps.ingest.api-keys) and cannot be revoked here; "
                + "remove it from the configuration of every instance instead.");
    }
}
