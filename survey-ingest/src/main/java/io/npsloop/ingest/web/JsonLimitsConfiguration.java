package io.npsloop.ingest.web;

import java.time.Instant;

import io.npsloop.ingest.IngestProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The mapper that reads request bodies. Stream read constraints bound nesting depth, string and
 * number length, so no body can make the parser allocate without limit; coercions to whole numbers
 * and to text are off, so {@code "score": "9"} or {@code "customerId": 42} is named as a wrong type
 * instead of being guessed at (decimal strings stay readable: money travels as one). Boot's own customizers (the {@code spring.jackson.*} settings) still apply.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

    @Bean
    @Primary
    JsonMapper jacksonJsonMapper(ObjectProvider<JsonMapperBuilderCustomizer> customizers, IngestProperties properties) {
        IngestProperties.Limits limits = properties.limits();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxBatchBodySize().toBytes())
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        builder.addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()));
        builder.withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder.build();
    }

    /**
     * Instants as ISO-8601 text only, as the API documents. Left to itself the mapper also takes a
     * number as epoch seconds, a number too large for an instant ({@code 1e400}) as 1970-01-01
     * without a word, and an empty string as no value; here each is a value of the wrong type or
     * form, named like any other.
     */
    static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            if (text.isBlank()) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
