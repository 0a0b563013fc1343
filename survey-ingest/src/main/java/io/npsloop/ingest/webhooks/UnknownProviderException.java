package io.npsloop.ingest.webhooks;

/** A webhook for a provider this service does not know or that is not enabled. Answered 404. */
public class UnknownProviderException extends RuntimeException {

    public UnknownProviderException(String provider) {
        super("No webhook provider '" + provider + "' is enabled");
    }
}
