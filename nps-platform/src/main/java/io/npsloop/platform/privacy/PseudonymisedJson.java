package io.npsloop.platform.privacy;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * An event's JSON as the stores keep an erased customer's documents: every {@link PersonalFields
 * personal field} null, at any depth (an attribute so named is dropped), and every value equal to
 * the customer id replaced. The result still conforms to the event's schema. Numbers are read as
 * decimals and written back unchanged, so nothing but the personal data differs.
 */
final class PseudonymisedJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private PseudonymisedJson() {
    }

    /** The JSON object of a payload (bytes or text), or null for anything else, which is left to the handler. */
    static @Nullable ObjectNode parse(Object payload) {
        try {
            JsonNode node = payload instanceof byte[] bytes ? JSON.readTree(bytes)
                    : payload instanceof String text ? JSON.readTree(text) : null;
            return node instanceof ObjectNode object ? object : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The top-level {@code customerId} of an event, or null when it names none. */
    static @Nullable String customerId(ObjectNode event) {
        JsonNode customerId = event.get("customerId");
        return customerId != null && customerId.isString() && !customerId.stringValue().isBlank() ? customerId.stringValue() : null;
    }

    /** Rewrites the event in place, and returns it in the payload's type (bytes or text). */
    static Object pseudonymise(ObjectNode event, Object payload, String customerId, String replacement) {
        scrub(event, customerId, replacement);
        return payload instanceof byte[] ? JSON.writeValueAsBytes(event) : JSON.writeValueAsString(event);
    }

    static void scrub(JsonNode node, String customerId, String replacement) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (PersonalFields.isPersonal(name)) {
                    object.replace(name, NullNode.getInstance());
                } else if (name.equals(PersonalFields.ATTRIBUTES) && value instanceof ObjectNode attributes) {
                    // Names to strings (the events' schemas say so): an attribute named as personal data goes.
                    attributes.remove(PersonalFields.NAMES);
                    scrub(attributes, customerId, replacement);
                } else if (isCustomer(value, customerId)) {
                    object.replace(name, StringNode.valueOf(replacement));
                } else {
                    scrub(value, customerId, replacement);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (isCustomer(array.get(i), customerId)) {
                    array.set(i, StringNode.valueOf(replacement));
                } else {
                    scrub(array.get(i), customerId, replacement);
                }
            }
        }
    }

    private static boolean isCustomer(JsonNode value, String customerId) {
        return value.isString() && customerId.equals(value.stringValue());
    }
}
