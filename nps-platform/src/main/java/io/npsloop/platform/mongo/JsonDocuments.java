package io.npsloop.platform.mongo;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an event record as a BSON sub-document in exactly its wire JSON form, and reads it back.
 * Used where a service keeps a copy of an event it received or produced: the event's JSON Schema
 * then describes the stored shape too, and there is no second mapping to drift from the first.
 */
public final class JsonDocuments {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final JsonMapper mapper;

    public JsonDocuments(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public Document toDocument(Object value) {
        return Document.parse(mapper.writeValueAsString(value));
    }

    public <T> T fromDocument(Document document, Class<T> type) {
        return mapper.readValue(document.toJson(RELAXED), type);
    }
}
