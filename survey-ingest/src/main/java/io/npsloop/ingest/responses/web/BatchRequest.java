package io.npsloop.ingest.responses.web;

import java.util.List;

import io.npsloop.ingest.responses.ResponseRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/responses/batch}. Items are read one by one, so a malformed
 * item is rejected on its own instead of failing the whole batch.
 */
record BatchRequest(
        @ArraySchema(schema = @Schema(implementation = ResponseRequest.class), maxItems = 1000)
        @Nullable List<JsonNode> responses) {
}
