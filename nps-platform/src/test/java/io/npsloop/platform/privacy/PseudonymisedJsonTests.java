package io.npsloop.platform.privacy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymisedJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String EVENT = """
            {"eventId":"e-1","customerId":"c-7","accountId":"c-7","contact":{"name":"Ada","email":"ada@example.com"},
             "comment":"late again","score":3,"standardError":0.10,"accountValue":{"amount":"1200.50","currency":"EUR"},
             "attributes":{"email":"ada@example.com","ref":"c-7","region":"EMEA"},
             "history":[{"customerId":"c-7","note":"called"},"c-7","c-8"]}""";

    @Test
    void personalFieldsAreNullAndTheCustomerIdIsReplacedAtEveryDepth() {
        ObjectNode event = PseudonymisedJson.parse(EVENT.getBytes(StandardCharsets.UTF_8));

        Object payload = PseudonymisedJson.pseudonymise(event, EVENT.getBytes(StandardCharsets.UTF_8), "c-7", "erased-9");

        assertThat(payload).isInstanceOf(byte[].class);
        String json = new String((byte[]) payload, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("c-7", "Ada", "ada@example.com", "late again", "called").contains("c-8");
        ObjectNode written = (ObjectNode) JSON.readTree(json);
        assertThat(written.get("customerId").asString()).isEqualTo("erased-9");
        assertThat(written.get("accountId").asString()).isEqualTo("erased-9");
        assertThat(written.get("contact").isNull()).isTrue();
        assertThat(written.get("comment").isNull()).isTrue();
        assertThat(written.get("attributes").has("email")).as("attributes are strings: one named as personal data goes").isFalse();
        assertThat(written.at("/attributes/ref").asString()).isEqualTo("erased-9");
        assertThat(written.at("/attributes/region").asString()).isEqualTo("EMEA");
        assertThat(written.at("/history/0/customerId").asString()).isEqualTo("erased-9");
        assertThat(written.at("/history/0/note").isNull()).isTrue();
        assertThat(written.at("/history/1").asString()).isEqualTo("erased-9");
    }

    @Test
    void everythingElseIsWrittenBackAsItCame() {
        ObjectNode event = PseudonymisedJson.parse(EVENT);

        String json = (String) PseudonymisedJson.pseudonymise(event, EVENT, "c-7", "erased-9");

        assertThat(json).contains("\"standardError\":0.10", "\"amount\":\"1200.50\"", "\"score\":3", "\"eventId\":\"e-1\"");
    }

    @Test
    void aPayloadThatIsNotAJsonObjectOrNamesNoCustomerIsLeftAlone() {
        assertThat(PseudonymisedJson.parse("{not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PseudonymisedJson.parse("[1,2]")).isNull();
        assertThat(PseudonymisedJson.parse(42)).isNull();
        assertThat(PseudonymisedJson.customerId(PseudonymisedJson.parse("{\"eventId\":\"e-1\"}"))).isNull();
        assertThat(PseudonymisedJson.customerId(PseudonymisedJson.parse("{\"customerId\":\" \"}"))).isNull();
        assertThat(PseudonymisedJson.customerId(PseudonymisedJson.parse("{\"customerId\":7}"))).isNull();
        assertThat(PseudonymisedJson.customerId(PseudonymisedJson.parse("{\"customerId\":\"c-7\"}"))).isEqualTo("c-7");
    }
}
