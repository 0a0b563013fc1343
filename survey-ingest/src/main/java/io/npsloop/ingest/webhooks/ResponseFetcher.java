package io.npsloop.ingest.webhooks;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Reads a response from a survey tool's REST API, for tools whose webhooks carry ids only. */
public interface ResponseFetcher {

    /** GETs {@code url} with the given headers and returns its JSON body; throws if the tool answers an error. */
    JsonNode get(String url, Map<String, String> headers);
}
