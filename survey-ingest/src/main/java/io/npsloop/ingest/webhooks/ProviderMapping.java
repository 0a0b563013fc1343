package io.npsloop.ingest.webhooks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How one provider's answers become a response: which question is the 0-10 NPS question, which
 * holds the comment, which field (hidden field, embedded data, custom variable or person property,
 * depending on the tool) holds the customer id, and which such fields become attributes.
 *
 * @param surveyId the survey id to record; null takes the provider's own form or survey id
 * @param channel the channel to record, for example {@code web} or {@code email}; may be null
 */
public record ProviderMapping(String npsQuestion, @Nullable String commentQuestion, String customerIdField,
        List<String> attributeFields, @Nullable String surveyId, @Nullable String channel) {

    public ProviderMapping {
        attributeFields = List.copyOf(attributeFields);
    }
}
