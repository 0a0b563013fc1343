package io.npsloop.ingest.apikeys;

/** A key just created: its description and the key itself, which is given out this once and kept nowhere. */
public record IssuedApiKey(ApiKeyDescription description, String key) {

    /** Without the key: this may end up in a log. */
    @Override
    public String toString() {
        return "IssuedApiKey[" + description + "]";
    }
}
