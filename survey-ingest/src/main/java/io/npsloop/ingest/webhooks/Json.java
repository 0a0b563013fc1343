package io.npsloop.ingest.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.ingest.responses.AttributeKeys;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lenient reading of providers' payloads: they add fields over time, so unknown ones are ignored here. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("(body)", "is not well-formed JSON");
        }
    }

    /** A scalar as text (numbers included); null for missing, null, objects and arrays. */
    static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || !node.isValueNode()) {
            return null;
        }
        String text = node.asString();
        return text.isBlank() ? null : text;
    }

    static @Nullable Integer score(@Nullable JsonNode node, String field) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            try {
                double value = Double.parseDouble(text.strip());
                if (value == Math.rint(value)) {
                    return (int) value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidRequestException(field, "is not a whole number: " + text);
        }
    }

    static @Nullable Instant instant(@Nullable String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "is not an ISO-8601 date-time: " + text);
        }
    }

    /** The configured fields of {@code source} that are present, as attributes keyed by {@link AttributeKeys#fromName}. */
    static @Nullable Map<String, String> attributes(List<String> fields, java.util.function.Function<String, @Nullable String> source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String field : fields) {
            String value = source.apply(field);
            if (value != null) {
                attributes.put(AttributeKeys.fromName(field), value);
            }
        }
        return attributes.isEmpty() ? null : attributes;
    }

    /** Seconds between creation and last change plus one: grows with every edit, so a later edit is a higher revision. */
    static int revision(@Nullable Instant created, @Nullable Instant updated) {
        if (created == null || updated == null || !updated.isAfter(created)) {
            return 1;
        }
        long seconds = updated.getEpochSecond() - created.getEpochSecond();
        return (int) Math.min(Integer.MAX_VALUE - 1L, seconds) + 1;
    }
}
