package io.npsloop.ingest.apikeys;

/** A new key's name is held by a configured key or by a managed one, revoked or not. */
public class ApiKeyNameTakenException extends RuntimeException {

    private final String name;

    public ApiKeyNameTakenException(String name, boolean configured) {
        super(configured
                ? "The name " + name + " belongs to a key of the service's configuration; choose another name."
                : "A key named " + name + " exists already (revoked keys keep their names); choose another name.");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
