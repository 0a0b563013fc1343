package io.npsloop.ingest.apikeys;

import java.util.List;

/** A request for a key that breaks rules; every broken one is named. */
public class ApiKeyProblemsException extends RuntimeException {

    private final List<ApiKeyRequest.Problem> problems;

    public ApiKeyProblemsException(List<ApiKeyRequest.Problem> problems) {
        super(problems.size() + " problems with a request for a key");
        this.problems = List.copyOf(problems);
    }

    public List<ApiKeyRequest.Problem> problems() {
        return problems;
    }
}
