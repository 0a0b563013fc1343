package io.npsloop.ingest.responses.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The served OpenAPI document is the one checked in as {@code openapi.json}, so a change of the
 * API shows up in review. After an intended change, regenerate it with
 * {@code ./mvnw -pl survey-ingest test -Dtest=OpenApiDocumentTests -Dopenapi.write=true}.
 */
class OpenApiDocumentTests extends IngestMvcTestContext {

    private static final Path CHECKED_IN = Path.of("openapi.json");
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void servedDocumentMatchesTheCheckedInOne() throws Exception {
        String served = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode document = PRETTY.readTree(served);
        String pretty = PRETTY.writeValueAsString(document) + "\n";

        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, pretty);
        }

        assertThat(document.path("paths").has("/api/v1/responses")).isTrue();
        assertThat(document.path("paths").has("/api/v1/responses/batch")).isTrue();
        assertThat(Files.exists(CHECKED_IN))
                .as("survey-ingest/openapi.json is missing; generate it with -Dopenapi.write=true")
                .isTrue();
        assertThat(Files.readString(CHECKED_IN))
                .as("The API changed: review and regenerate survey-ingest/openapi.json with "
                        + "./mvnw -pl survey-ingest test -Dtest=OpenApiDocumentTests -Dopenapi.write=true")
                .isEqualTo(pretty);
    }
}
