package io.npsloop.ingest.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook deliveries of the five survey tools, each starting from the payload their documentation
 * shows (the files in {@code src/test/resources/webhooks}), correctly signed, with one hostile change:
 * a mapped field set to a huge, non-finite or non-numeric number, a MongoDB operator, a control
 * character, an oversized or empty string, a missing value; a body that is not JSON (or not form
 * encoding), nested 10,000 deep or not UTF-8; or a forged signature, token or timestamp. For the
 * tools that only send ids (SurveyMonkey, Qualtrics) the change may sit in the answer of their API
 * instead. Each delivery says whether it must be refused ({@link Expectation#REFUSED}: a 4xx and
 * nothing stored) or whether the rules leave the outcome open.
 */
public final class HostileDeliveries {

    public static final String TYPEFORM_SECRET = "fuzz-typeform-secret";
    public static final String FORMBRICKS_SECRET = "whsec_" + Base64.getEncoder().encodeToString("fuzz-formbricks-key".getBytes(StandardCharsets.UTF_8));
    public static final String DELIGHTED_TOKEN = "fuzz-delighted-token";
    public static final String SURVEYMONKEY_KEY = "fuzz-sm-key";
    public static final String SURVEYMONKEY_SECRET = "fuzz-sm-secret";
    public static final String SURVEYMONKEY_TOKEN = "fuzz-sm-token";
    public static final String QUALTRICS_TOKEN = "fuzz-q-token";
    public static final String QUALTRICS_API_TOKEN = "fuzz-q-api-token";
    public static final List<String> PROVIDERS = List.of("typeform", "formbricks", "delighted", "surveymonkey", "qualtrics");

    static final String SM_SURVEY = "123456789";
    static final String QUALTRICS_SURVEY = "SV_0dDRkjWeI5Ba8Ql";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a delivery must get. */
    public enum Expectation {
        /** Accepted and published once. */
        ACCEPTED,
        /** A 4xx problem; nothing published, no delivery id kept. */
        REFUSED,
        /** The rules do not say (an ignored event, a lenient reading): any 2xx or 4xx, applied consistently. */
        OPEN
    }

    /**
     * One delivery: where it goes, what it carries and, for SurveyMonkey and Qualtrics, what their API
     * answers for the response it names ({@code apiPath} relative to the API's base URL).
     */
    public record Delivery(String provider, String query, Map<String, String> headers, byte[] body, @Nullable String apiPath,
            @Nullable String apiAnswer, String responseId, Expectation expectation, String description) {

        public String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return provider + " " + description + " (" + expectation + ") " + (text.length() > 300 ? text.substring(0, 300) + "..." : text)
                    + (apiAnswer == null ? "" : " api: " + (apiAnswer.length() > 200 ? apiAnswer.substring(0, 200) + "..." : apiAnswer));
        }
    }

    /** A hostile value and what it does in the place of a score, an id, a customer id, a comment or a date. */
    private record Value(String json, String label) {
    }

    private static final List<Value> SCORES_OUT_OF_RULES = List.of(new Value("11", "11"), new Value("-1", "-1"),
            new Value("1e400", "1e400"), new Value("-1e400", "-1e400"), new Value("9223372036854775808", "2^63"), new Value("9.5", "9.5"),
            new Value("\"NaN\"", "\"NaN\""), new Value("\"Infinity\"", "\"Infinity\""), new Value("\"$where\"", "\"$where\""),
            new Value("\"11\"", "\"11\""), new Value("true", "true"), new Value("123456789012345678901234567890", "30 digits"));

    private static final List<Value> ANYTHING = List.of(new Value("null", "null"), new Value("{\"$gt\": \"\"}", "$gt"),
            new Value("{\"$where\": \"sleep(5000)\"}", "$where"), new Value("[]", "[]"), new Value("\"\"", "empty"),
            new Value("\" \"", "blank"), new Value("\"\\u0000\"", "NUL"), new Value("\"\\ud800\"", "lone surrogate"), new Value("-0", "-0"),
            new Value("1e-400", "1e-400"), new Value("\"x\\u0007\\u001b[2J\"", "control characters"), new Value("0", "0"),
            new Value("\"\\u0665\"", "arabic-indic 5"), new Value("\"+7\"", "+7"), new Value("[[[[[[[[[[1]]]]]]]]]]", "nested"));

    private final SplittableRandom random;

    public HostileDeliveries(SplittableRandom random) {
        this.random = random;
    }

    /** A delivery as the tool sends it, unchanged but for fresh ids: must be accepted. */
    public Delivery valid(String provider, String suffix) {
        Draft draft = new Draft(provider, suffix);
        return draft.build(Expectation.ACCEPTED, "as documented");
    }

    /** A delivery with one hostile change, whatever its expectation. */
    public Delivery next(String provider, String suffix) {
        Draft draft = new Draft(provider, suffix);
        int kind = random.nextInt(100);
        if (kind < 30) {
            Value value = pick(SCORES_OUT_OF_RULES);
            draft.set(draft.scorePath(), value.json());
            return draft.build(Expectation.REFUSED, "score " + value.label());
        }
        if (kind < 45) {
            Value value = pick(ANYTHING);
            List<Object> path = pick(draft.mappedPaths());
            draft.set(path, value.json());
            return draft.build(Expectation.OPEN, path + " " + value.label());
        }
        if (kind < 55) {
            String label = draft.breakRequiredField();
            return draft.build(Expectation.REFUSED, label);
        }
        if (kind < 62) {
            String label = draft.breakDate();
            return draft.build(label.startsWith("?") ? Expectation.OPEN : Expectation.REFUSED, label);
        }
        if (kind < 82) {
            String label = draft.breakBody();
            // An empty body reads as a JSON document without an event: answered as an ignored event.
            return draft.build(label.equals("body empty") ? Expectation.OPEN : Expectation.REFUSED, label);
        }
        String label = draft.forge();
        return draft.build(Expectation.REFUSED, label);
    }

    /** A delivery that must be refused. */
    public Delivery nextRefused(String provider, String suffix) {
        while (true) {
            Delivery delivery = next(provider, suffix);
            if (delivery.expectation() == Expectation.REFUSED) {
                return delivery;
            }
        }
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    static byte[] resource(String name) {
        try (InputStream in = HostileDeliveries.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One delivery being built: its payload tree (or form), the API's answer tree, and how it will be signed. */
    private final class Draft {

        private final String provider;
        private final String responseId;
        private final String deliveryId;
        private @Nullable ObjectNode payload;
        private final Map<String, String> form = new LinkedHashMap<>();
        private @Nullable ObjectNode api;
        private byte @Nullable [] rawBody;
        private String query = "";
        private final Map<String, String> raw = new LinkedHashMap<>();
        private boolean forgedSignature;
        private @Nullable String timestamp;

        Draft(String provider, String suffix) {
            this.provider = provider;
            this.deliveryId = "ev" + suffix;
            switch (provider) {
                case "typeform" -> {
                    responseId = "tf" + suffix;
                    payload = tree("typeform-form-response.json");
                    payload.put("event_id", deliveryId);
                    ((ObjectNode) payload.get("form_response")).put("token", responseId);
                }
                case "formbricks" -> {
                    responseId = "fb" + suffix;
                    payload = tree("formbricks-response-finished.json");
                    ((ObjectNode) payload.get("data")).put("id", responseId);
                }
                case "delighted" -> {
                    responseId = "d" + suffix;
                    payload = tree("delighted-survey-response-updated.json");
                    payload.put("event_id", deliveryId);
                    ((ObjectNode) payload.get("event_data")).put("id", responseId);
                }
                case "surveymonkey" -> {
                    responseId = "sm" + suffix;
                    payload = tree("surveymonkey-response-completed.json");
                    payload.put("event_id", deliveryId);
                    payload.put("object_id", responseId);
                    api = tree("surveymonkey-response-details.json");
                    api.put("id", responseId);
                }
                case "qualtrics" -> {
                    responseId = "R_" + suffix;
                    for (String pair : new String(resource("qualtrics-completed-response.txt"), StandardCharsets.UTF_8).strip().split("&")) {
                        String[] nameValue = pair.split("=", 2);
                        form.put(nameValue[0], java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
                    }
                    form.put("ResponseID", responseId);
                    api = tree("qualtrics-response.json");
                    ((ObjectNode) api.get("result")).put("responseId", responseId);
                }
                default -> throw new IllegalArgumentException(provider);
            }
        }

        private ObjectNode tree(String resource) {
            return (ObjectNode) JSON.readTree(resource(resource));
        }

        List<Object> scorePath() {
            return switch (provider) {
                case "typeform" -> List.of("form_response", "answers", 0, "number");
                case "formbricks" -> List.of("data", "data", "npsq");
                case "delighted" -> List.of("event_data", "score");
                case "surveymonkey" -> List.of("@api", "pages", 0, "questions", 0, "answers", 0, "simple_text");
                default -> List.of("@api", "result", "values", "QID1");
            };
        }

        List<List<Object>> mappedPaths() {
            return switch (provider) {
                case "typeform" -> List.of(scorePath(), List.of("form_response", "token"), List.of("form_response", "hidden", "customer_id"),
                        List.of("form_response", "hidden", "region"), List.of("form_response", "answers", 1, "text"),
                        List.of("form_response", "submitted_at"), List.of("event_id"), List.of("event_type"), List.of("form_response", "form_id"),
                        List.of("form_response", "answers"), List.of("form_response", "answers", 0, "field", "ref"));
                case "formbricks" -> List.of(scorePath(), List.of("data", "id"), List.of("data", "data", "customer_id"),
                        List.of("data", "data", "whyq"), List.of("data", "data", "plan"), List.of("data", "createdAt"), List.of("data", "updatedAt"),
                        List.of("event"), List.of("data", "contactAttributes"), List.of("data", "contact"), List.of("data", "data"));
                case "delighted" -> List.of(scorePath(), List.of("event_data", "id"), List.of("event_data", "person_properties", "customer_id"),
                        List.of("event_data", "comment"), List.of("event_data", "created_at"), List.of("event_data", "updated_at"),
                        List.of("event_data", "person", "email"), List.of("event_data", "person", "id"), List.of("event_data", "survey_type"),
                        List.of("event_id"), List.of("event_data", "person_properties", "Purchase Experience"));
                case "surveymonkey" -> List.of(scorePath(), List.of("event_id"), List.of("event_type"),
                        List.of("@api", "custom_variables", "customer_id"), List.of("@api", "custom_variables", "region"),
                        List.of("@api", "pages", 0, "questions", 1, "answers", 0, "text"), List.of("@api", "date_created"),
                        List.of("@api", "date_modified"), List.of("@api", "pages"), List.of("@api", "pages", 0, "questions", 0, "id"));
                default -> List.of(scorePath(), List.of("@api", "result", "values", "customer_id"), List.of("@api", "result", "values", "region"),
                        List.of("@api", "result", "values", "QID2_TEXT"), List.of("@api", "result", "values", "endDate"),
                        List.of("@api", "result", "values", "recordedDate"), List.of("@api", "result", "values"), List.of("@api", "result"));
            };
        }

        /** A field every response needs, made unusable: a response or customer id the rules refuse, a comment too long. */
        String breakRequiredField() {
            int choice = random.nextInt(3);
            if (choice == 0) {
                String id = pick(List.of("$where", "../x", "a b", "x".repeat(129), "{\"$ne\":null}"));
                switch (provider) {
                    case "typeform" -> set(List.of("form_response", "token"), quote(id));
                    case "formbricks" -> set(List.of("data", "id"), quote(id));
                    case "delighted" -> set(List.of("event_data", "id"), quote(id));
                    case "surveymonkey" -> set(List.of("object_id"), quote(id));
                    default -> form.put("ResponseID", id);
                }
                return "response id " + id;
            }
            if (choice == 1) {
                String customer = "x".repeat(129);
                switch (provider) {
                    case "typeform" -> set(List.of("form_response", "hidden", "customer_id"), quote(customer));
                    case "formbricks" -> set(List.of("data", "data", "customer_id"), quote(customer));
                    case "delighted" -> set(List.of("event_data", "person_properties", "customer_id"), quote(customer));
                    case "surveymonkey" -> set(List.of("@api", "custom_variables", "customer_id"), quote(customer));
                    default -> set(List.of("@api", "result", "values", "customer_id"), quote(customer));
                }
                return "customer id of 129 characters";
            }
            String comment = quote("$where ".repeat(1_430));
            switch (provider) {
                case "typeform" -> set(List.of("form_response", "answers", 1, "text"), comment);
                case "formbricks" -> set(List.of("data", "data", "whyq"), comment);
                case "delighted" -> set(List.of("event_data", "comment"), comment);
                case "surveymonkey" -> set(List.of("@api", "pages", 0, "questions", 1, "answers", 0, "text"), comment);
                default -> set(List.of("@api", "result", "values", "QID2_TEXT"), comment);
            }
            return "comment of 10,010 characters";
        }

        /** A date that is no date, too far in the future or in the past; "?" marks changes whose outcome the rules leave open. */
        String breakDate() {
            // 1990: more than the 10 years back an answer may be, on the webhooks as on the API.
            String text = pick(List.of("\"not a date\"", "\"2999-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"", "\"$where\"",
                    "\"1990-01-01T00:00:00Z\""));
            boolean date = text.contains("2999") || text.contains("999999999") || text.contains("1990");
            switch (provider) {
                case "typeform" -> set(List.of("form_response", "submitted_at"), text);
                case "formbricks" -> {
                    String field = pick(List.of("createdAt", "updatedAt"));
                    set(List.of("data", field), text);
                    if (date && field.equals("updatedAt")) {
                        // A last change far ahead only makes a high revision; the answer time is createdAt.
                        return "?" + field + " " + text;
                    }
                }
                case "delighted" -> {
                    // Unix seconds: beyond what an instant can hold, or not finite.
                    String seconds = pick(List.of("1e400", "-1e400", "1e18", "-1e18", "9223372036854775807", "1.5e300", "-9223372036854775808"));
                    set(List.of("event_data", pick(List.of("created_at", "updated_at"))), seconds);
                    return "seconds " + seconds;
                }
                case "surveymonkey" -> {
                    String field = pick(List.of("date_created", "date_modified"));
                    set(List.of("@api", field), text);
                    if (date && field.equals("date_modified")) {
                        return "?" + field + " " + text;
                    }
                }
                default -> {
                    if (date) {
                        set(List.of("@api", "result", "values", "endDate"), text);
                    } else {
                        // recordedDate is read only when endDate is missing.
                        set(List.of("@api", "result", "values", "endDate"), "null");
                        set(List.of("@api", "result", "values", "recordedDate"), text);
                    }
                }
            }
            return "date " + text;
        }

        /** A body that is not what the tool sends at all. */
        String breakBody() {
            int choice = random.nextInt(6);
            String serialized = payload == null ? formText() : write(payload);
            switch (choice) {
                case 0 -> rawBody = serialized.substring(0, serialized.length() / 2).getBytes(StandardCharsets.UTF_8);
                case 1 -> rawBody = ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
                case 2 -> {
                    byte[] text = serialized.getBytes(StandardCharsets.UTF_8);
                    int at = payload == null ? text.length : serialized.indexOf(responseId) + 1;
                    byte[] broken = new byte[text.length + 3];
                    System.arraycopy(text, 0, broken, 0, at);
                    broken[at] = (byte) 0xC3;
                    broken[at + 1] = (byte) 0x28;
                    broken[at + 2] = (byte) 0xFF;
                    System.arraycopy(text, at, broken, at + 3, text.length - at);
                    rawBody = broken;
                }
                case 3 -> rawBody = new byte[0];
                case 4 -> rawBody = "{\"a\":1e400,\"b\":NaN}".getBytes(StandardCharsets.UTF_8);
                default -> rawBody = "<xml>not json</xml>".getBytes(StandardCharsets.UTF_8);
            }
            if (payload == null) {
                // Qualtrics posts form encoding: break that instead, with escapes that decode to nothing.
                rawBody = pick(List.of("Topic=surveyengine.completedResponse.SV_1&ResponseID=%zz&SurveyID=SV_1",
                        "Topic=%E0%A4%A&ResponseID=R_1&SurveyID=SV_1", "Topic=surveyengine.completedResponse.SV_1&ResponseID=R_%",
                        "%%%%&&&===")).getBytes(StandardCharsets.UTF_8);
                return "form " + new String(rawBody, StandardCharsets.UTF_8);
            }
            return "body " + List.of("truncated", "nested 10,000 deep", "not UTF-8", "empty", "NaN", "XML").get(choice);
        }

        /** The delivery's proof of origin forged, stale or unreadable. */
        String forge() {
            switch (provider) {
                case "formbricks" -> {
                    String choice = pick(List.of("forged", "999999999999999999", "-9223372036854775808", "9223372036854775808", "1e10", "stale",
                            "0x10"));
                    if (choice.equals("forged")) {
                        forgedSignature = true;
                    } else {
                        timestamp = choice.equals("stale") ? Long.toString(Instant.now().getEpochSecond() - 3_600) : choice;
                    }
                    return "webhook-timestamp/signature " + choice;
                }
                case "delighted", "qualtrics" -> {
                    query = pick(List.of("?token=guess", "?token=", "?token=%zz", "?token=%", "?token", "?token=" + "%00".repeat(3)));
                    return "token " + query;
                }
                default -> {
                    forgedSignature = true;
                    return "signature forged";
                }
            }
        }

        /**
         * Puts {@code json} at the path as written: the tree holds a marker that is replaced by the raw text
         * after serializing, since the mapper would write {@code 1e400} back as {@code "Infinity"}.
         */
        void set(List<Object> path, String json) {
            String marker = "@@hostile-" + raw.size() + "@@";
            raw.put(quote(marker), json);
            JsonNode value = JSON.getNodeFactory().stringNode(marker);
            JsonNode node = path.get(0).equals("@api") ? api : payload;
            List<Object> steps = path.get(0).equals("@api") ? path.subList(1, path.size()) : path;
            for (int i = 0; i < steps.size() - 1; i++) {
                Object step = steps.get(i);
                node = step instanceof Integer index ? node.get(index) : node.get((String) step);
            }
            Object last = steps.get(steps.size() - 1);
            if (last instanceof Integer index) {
                ((ArrayNode) node).set(index, value);
            } else {
                ((ObjectNode) node).set((String) last, value);
            }
        }

        private String write(JsonNode tree) {
            String text = JSON.writeValueAsString(tree);
            for (Map.Entry<String, String> marker : raw.entrySet()) {
                text = text.replace(marker.getKey(), marker.getValue());
            }
            return text;
        }

        private String formText() {
            return form.entrySet().stream()
                    .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        Delivery build(Expectation expectation, String description) {
            byte[] body = rawBody != null ? rawBody : (payload == null ? formText() : write(payload)).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", payload == null ? "application/x-www-form-urlencoded" : "application/json");
            String apiPath = null;
            switch (provider) {
                case "typeform" -> headers.put("Typeform-Signature",
                        "sha256=" + hmac("HmacSHA256", (forgedSignature ? "guess" : TYPEFORM_SECRET).getBytes(StandardCharsets.UTF_8), body));
                case "formbricks" -> {
                    String sentAt = timestamp != null ? timestamp : Long.toString(Instant.now().getEpochSecond());
                    byte[] key = Base64.getDecoder().decode(FORMBRICKS_SECRET.substring("whsec_".length()));
                    byte[] prefix = ("msg_" + deliveryId + "." + sentAt + ".").getBytes(StandardCharsets.UTF_8);
                    byte[] signed = new byte[prefix.length + body.length];
                    System.arraycopy(prefix, 0, signed, 0, prefix.length);
                    System.arraycopy(body, 0, signed, prefix.length, body.length);
                    headers.put("webhook-id", "msg_" + deliveryId);
                    headers.put("webhook-timestamp", sentAt);
                    headers.put("webhook-signature", "v1," + hmac("HmacSHA256", forgedSignature ? "guess".getBytes(StandardCharsets.UTF_8) : key, signed));
                }
                case "delighted" -> {
                    if (query.isEmpty()) {
                        query = "?token=" + DELIGHTED_TOKEN;
                    }
                }
                case "surveymonkey" -> {
                    headers.put("Sm-Apikey", SURVEYMONKEY_KEY);
                    String key = SURVEYMONKEY_KEY + "&" + (forgedSignature ? "guess" : SURVEYMONKEY_SECRET);
                    headers.put("Sm-Signature", hmac("HmacSHA1", key.getBytes(StandardCharsets.UTF_8), body));
                    apiPath = "/v3/surveys/" + SM_SURVEY + "/responses/" + responseId + "/details";
                }
                default -> {
                    if (query.isEmpty()) {
                        query = "?token=" + QUALTRICS_TOKEN;
                    }
                    apiPath = "/API/v3/surveys/" + QUALTRICS_SURVEY + "/responses/" + form.get("ResponseID");
                }
            }
            return new Delivery(provider, query, Map.copyOf(headers), body, apiPath, api == null ? null : write(api),
                    responseId, expectation, description);
        }
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }
}
