package io.npsloop.ingest.apikeys;

/** No key, configured or managed, has the name. */
public class UnknownApiKeyException extends RuntimeException {

    public UnknownApiKeyException(String name) {
        super("There is no key named " + name + ".");
    }
}
