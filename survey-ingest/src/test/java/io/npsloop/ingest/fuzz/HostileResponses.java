package io.npsloop.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies for {@code POST /api/v1/responses} made hostile on purpose, each with the answer the API
 * owes it. A body starts valid and gets one to three mutations: a field set to a hostile value (huge
 * and non-finite numbers, MongoDB operators as keys and values, control characters, invalid UTF-8,
 * oversized or deeply nested values, nulls), an unknown or duplicated key, or the whole body replaced.
 * Every mutation knows what it does to the body, so the expected answer is known without asking
 * the service: {@link Verdict#VALID} bodies must be accepted with exactly the values sent, every other
 * verdict must be a 4xx that names only fields that were broken.
 */
public final class HostileResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Marks a raw byte in a fragment: the two hex digits after it are written as that byte, not as UTF-8. */
    private static final char RAW_BYTE = '\uF8FF';

    /** What a mutation does to a body; when mutations combine, the later constant wins. */
    public enum Verdict {
        /** Hostile content that the rules allow: 2xx, published with exactly these values. */
        VALID,
        /** Behaviour the rules leave open (duplicate keys, trailing bytes): any 2xx or 4xx, consistently applied. */
        UNDETERMINED,
        /** Well-typed but breaks a rule: 400 naming every such field. */
        RULE,
        /** A value of the wrong type or form: 400 naming the field (the parser stops at the first). */
        TYPE,
        /** Not JSON, or over the parser's limits: 400, naming at most the fields broken. */
        MALFORMED,
        /** Over the endpoint's body limit: 413. */
        TOO_LARGE
    }

    /** What a valid body must be published as. */
    public record Expected(String customerId, int score, @Nullable String comment, Map<String, String> attributes) {
    }

    /**
     * One generated body.
     *
     * @param brokenFields top-level fields any mutation touched with a non-valid value; only these may be named
     * @param ruleFields top-level fields broken by a rule (each must be named when no field is of the wrong type)
     */
    public record Body(String responseId, byte[] json, Verdict verdict, Set<String> brokenFields, Set<String> ruleFields,
            List<String> mutations, Expected expected) {

        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }

        /** Whether the body holds bytes that are not UTF-8 (whether or not the parser refuses them). */
        public boolean notUtf8() {
            return !java.util.Arrays.equals(text().getBytes(StandardCharsets.UTF_8), json);
        }

        /** A short description for failure messages: the mutations and the start of the body. */
        public String describe() {
            String text = text();
            return mutations + " " + (text.length() > 300 ? text.substring(0, 300) + "... (" + json.length + " bytes)" : text);
        }
    }

    /** A field value as JSON text, what it does to the body, and for a valid value the value it stands for. */
    private record Fragment(String json, Verdict verdict, @Nullable Object value) {
    }

    private static final Object NULL = new Object();

    /** Strings that mean something to MongoDB, JavaScript, shells, spreadsheets or terminals; all allowed as free text. */
    static final List<String> HOSTILE_TEXT = List.of(
            "$where", "$ne", "$gt", "$regex", "$expr", "{\"$gt\": \"\"}", "{\"$where\": \"sleep(5000)\"}",
            "'; return true; var x='", "this.score > 5 || '1' == '1'", "db.submissions.drop()", "$$ROOT",
            "\u0000", "a\u0000b", "\u0001\u0002\u0003\u0007\b\t\n\u000b\f\r\u000e\u001b[31m\u001f\u007f",
            "\u0085\u2028\u2029", "\uFEFFbom", "\u202Eright-to-left", "\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD",
            "\uD835\uDD18\uD835\uDD2B", "\u03A9\u2248\u00E7\u221A\u222B", "\u7530\u4E2D\u3055\u3093",
            "<script>alert(1)</script>", "%00%0d%0a", "../../../../etc/passwd", "${jndi:ldap://localhost/a}",
            "=cmd|' /C calc'!A0", "\\", "\"", "\\\"\\u0000", "null", "NaN", "Infinity", "-0", "1e400",
            "9223372036854775808", "0x7fffffff", "true", "[]", "{}");

    private static final List<String> CHANNELS = List.of("email", "web", "in_app", "sms", "phone", "chat", "social", "kiosk", "other");

    private static final List<String> INVALID_UTF8 = List.of("C328", "A0A1", "E228A1", "E28228", "F0288CBC", "F8A1A1A1A1", "FF", "FE",
            "E282");

    /**
     * Not UTF-8 either, but the parser decodes them rather than refusing: an overlong {@code /}, an
     * encoded surrogate, a code point past U+10FFFF. Whether such a body is taken is left open.
     */
    private static final List<String> LENIENTLY_DECODED = List.of("C0AF", "EDA080", "F4908080");

    private final SplittableRandom random;
    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes the endpoint's body limit: bodies over it are {@link Verdict#TOO_LARGE}, and
     *        no other mutation makes a body that large
     */
    public HostileResponses(SplittableRandom random, int maxBodyBytes) {
        this.random = random;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A body of one response with the given (valid) response id, mutated at random. */
    public Body next(String responseId) {
        Draft draft = new Draft(responseId);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(draft);
        }
        return draft.build();
    }

    /** Like {@link #next} but within what a batch item can be: no body-level replacement and nothing too large. */
    public Body nextItem(String responseId) {
        while (true) {
            Body body = next(responseId);
            if (body.verdict() != Verdict.TOO_LARGE && body.mutations().stream().noneMatch(m -> m.startsWith("body") || m.startsWith("trailing"))) {
                return body;
            }
        }
    }

    /** A body that must be rejected: any verdict but valid or undetermined. */
    public Body nextRejected(String responseId) {
        while (true) {
            Body body = next(responseId);
            if (body.verdict() != Verdict.VALID && body.verdict() != Verdict.UNDETERMINED) {
                return body;
            }
        }
    }

    /** A body that must be accepted: hostile content only. */
    public Body nextValid(String responseId) {
        while (true) {
            Draft draft = new Draft(responseId);
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                mutate(draft);
            }
            Body body = draft.build();
            if (body.verdict() == Verdict.VALID) {
                return body;
            }
        }
    }

    private void mutate(Draft draft) {
        if (draft.replaced()) {
            // Nothing is left of the members to change.
            return;
        }
        int kind = random.nextInt(100);
        if (kind < 70) {
            String field = pick(List.of("customerId", "score", "responseId", "surveyId", "accountId", "touchpoint", "comment",
                    "channel", "respondedAt", "attributes", "accountValue", "contact", "revision"));
            draft.set(field, fragment(field));
        } else if (kind < 80) {
            String key = pick(List.of("$where", "$ne", "$gt", "__proto__", "constructor", "score ", "Score", "customerid", "_id",
                    "$set", "responseId\u0000"));
            draft.addUnknown(key, pick(List.of("\"function() { return true; }\"", "{\"$ne\": null}", "1", "null", "[]", "{}")));
        } else if (kind < 86) {
            String field = pick(List.of("score", "customerId", "comment"));
            draft.duplicate(field, fragment(field));
        } else if (kind < 92) {
            draft.deepValue(pick(List.of("comment", "attributes", "score", "contact")), 17 + random.nextInt(10_000));
        } else if (kind < 94) {
            draft.trailing(pick(List.of(" xyz", "}", "{}", ",", "\u0000", " //")));
        } else {
            draft.replaceBody();
        }
    }

    private Fragment fragment(String field) {
        return switch (field) {
            case "customerId" -> oneOf(
                    valid(() -> "c" + pick(HOSTILE_TEXT)),
                    valid(() -> "c".repeat(128)), valid(() -> "\u0000"),
                    rule(""), rule("   "), rule("\t\n"), rule("x".repeat(129)),
                    raw("null", Verdict.RULE), raw("42", Verdict.TYPE), raw("1e400", Verdict.TYPE), raw("true", Verdict.TYPE),
                    raw("{\"$ne\": null}", Verdict.TYPE), raw("[\"c-1\"]", Verdict.TYPE),
                    invalidUtf8(), unescapedControl(), loneSurrogate(), tooLong(), tooLarge());
            case "score" -> oneOf(
                    validScore(), validScore(), raw("-0", Verdict.VALID, 0), raw(" 7 ", Verdict.VALID, 7),
                    raw("11", Verdict.RULE), raw("-1", Verdict.RULE), raw("2147483647", Verdict.RULE), raw("-2147483648", Verdict.RULE),
                    raw("null", Verdict.RULE),
                    raw("2147483648", Verdict.TYPE), raw("9223372036854775808", Verdict.TYPE), raw("-9223372036854775809", Verdict.TYPE),
                    raw("1e400", Verdict.TYPE), raw("-1e400", Verdict.TYPE), raw("1e-400", Verdict.TYPE), raw("9.5", Verdict.TYPE),
                    raw("-0.0", Verdict.TYPE), raw("1E1", Verdict.TYPE), raw("\"9\"", Verdict.TYPE), raw("true", Verdict.TYPE),
                    raw("[]", Verdict.TYPE), raw("{}", Verdict.TYPE), raw("{\"$gt\": 0}", Verdict.TYPE), raw("[9]", Verdict.TYPE),
                    raw("NaN", Verdict.MALFORMED), raw("Infinity", Verdict.MALFORMED), raw("-Infinity", Verdict.MALFORMED),
                    raw("+1", Verdict.MALFORMED), raw("0x1A", Verdict.MALFORMED), raw("01", Verdict.MALFORMED), raw("1e", Verdict.MALFORMED),
                    raw("9".repeat(33 + random.nextInt(2000)), Verdict.MALFORMED), raw("'7'", Verdict.MALFORMED));
            case "responseId" -> oneOf(
                    rule("$where"), rule(""), rule(" a"), rule("a b"), rule("x".repeat(129)), rule("../x"), rule("a\u0000"),
                    rule("{\"$gt\": \"\"}"), raw("{\"$gt\": \"\"}", Verdict.TYPE), raw("42", Verdict.TYPE), raw("[]", Verdict.TYPE),
                    invalidUtf8(), unescapedControl());
            case "surveyId", "accountId", "touchpoint" -> oneOf(
                    valid(() -> pick(HOSTILE_TEXT)), raw("null", Verdict.VALID, NULL), rule("x".repeat(129)),
                    "surveyId".equals(field) ? rule("") : valid(() -> ""),
                    raw("1e400", Verdict.TYPE), raw("{\"$ne\": 1}", Verdict.TYPE), raw("false", Verdict.TYPE),
                    invalidUtf8(), unescapedControl(), tooLong());
            case "comment" -> oneOf(
                    valid(() -> pick(HOSTILE_TEXT)), valid(() -> pick(HOSTILE_TEXT) + " " + pick(HOSTILE_TEXT)),
                    valid(() -> "x".repeat(10_000)), raw("null", Verdict.VALID, NULL),
                    // White space only is no comment: taken, and published as absent.
                    raw(quote("   "), Verdict.VALID, NULL), raw(quote("\t\r\n \u2028\u3000"), Verdict.VALID, NULL),
                    rule("x".repeat(10_001 + random.nextInt(9_999))),
                    raw("{\"$where\": \"sleep(1)\"}", Verdict.TYPE), raw("42", Verdict.TYPE), raw("[\"x\"]", Verdict.TYPE),
                    invalidUtf8(), unescapedControl(), loneSurrogate(), tooLong(), tooLarge());
            case "channel" -> oneOf(
                    valid(() -> pick(CHANNELS)), raw("null", Verdict.VALID, NULL),
                    rule("$where"), rule("EMAIL"), rule(""), rule("email "), rule("email\u0000"), rule("{\"$in\": [\"email\"]}"),
                    raw("1", Verdict.TYPE), raw("{}", Verdict.TYPE), raw("[\"email\"]", Verdict.TYPE));
            case "respondedAt" -> oneOf(
                    raw("\"2024-02-29T12:00:00Z\"", Verdict.VALID, NULL), raw("\"2024-02-29T12:00:00.123456789Z\"", Verdict.VALID, NULL),
                    raw("null", Verdict.VALID, NULL),
                    rule("2999-01-01T00:00:00Z"), rule("+999999999-12-31T23:59:59Z"),
                    rule("1990-01-01T00:00:00Z"), rule("1970-01-01T00:00:00Z"),
                    raw("\"not a date\"", Verdict.TYPE), raw("\"2024-13-01T00:00:00Z\"", Verdict.TYPE), raw("\"\"", Verdict.TYPE),
                    raw("\"$where\"", Verdict.TYPE), raw("{\"$date\": 0}", Verdict.TYPE), raw("true", Verdict.TYPE),
                    raw("[2024, 2, 29]", Verdict.TYPE),
                    // The contract is an ISO-8601 string; numbers are refused rather than read as epoch seconds
                    // (a huge exponent used to become 1970-01-01 without a word).
                    raw("1e400", Verdict.TYPE), raw("-1e400", Verdict.TYPE), raw("1.8446744073709552E19", Verdict.TYPE),
                    raw("1700000000", Verdict.TYPE), raw("9223372036854775807", Verdict.TYPE), raw("-0", Verdict.TYPE),
                    raw("-0.0", Verdict.TYPE), raw("1e-400", Verdict.TYPE));
            case "attributes" -> attributes();
            case "accountValue" -> oneOf(
                    raw("{\"amount\": \"1200.50\", \"currency\": \"EUR\"}", Verdict.VALID, NULL),
                    raw("{\"amount\": \"-0\", \"currency\": \"JPY\"}", Verdict.VALID, NULL),
                    raw("{\"amount\": \"999999999999999.999999\", \"currency\": \"XXX\"}", Verdict.VALID, NULL),
                    raw("null", Verdict.VALID, NULL),
                    raw("{\"amount\": \"-1200.50\", \"currency\": \"EUR\"}", Verdict.RULE),
                    raw("{\"amount\": \"-0.000001\", \"currency\": \"JPY\"}", Verdict.RULE),
                    raw("{\"amount\": \"1e400\", \"currency\": \"EUR\"}", Verdict.RULE), raw("{\"amount\": \"NaN\", \"currency\": \"EUR\"}", Verdict.RULE),
                    raw("{\"amount\": \"1\", \"currency\": \"ABC\"}", Verdict.RULE), raw("{\"amount\": \"1\", \"currency\": \"eur\"}", Verdict.RULE),
                    raw("{\"amount\": null, \"currency\": \"EUR\"}", Verdict.RULE), raw("{\"amount\": \"1\"}", Verdict.RULE),
                    raw("{\"amount\": \"1234567890123456\", \"currency\": \"EUR\"}", Verdict.RULE),
                    raw("{\"amount\": \"$where\", \"currency\": \"$ne\"}", Verdict.RULE),
                    raw("{\"amount\": 1e400, \"currency\": \"EUR\"}", Verdict.TYPE), raw("{\"amount\": 1200.5, \"currency\": \"EUR\"}", Verdict.TYPE),
                    raw("{\"amount\": 12, \"currency\": \"EUR\"}", Verdict.TYPE), raw("{\"amount\": \"1\", \"currency\": \"EUR\", \"$where\": \"1\"}", Verdict.TYPE),
                    raw("\"1200 EUR\"", Verdict.TYPE), raw("[\"1200\", \"EUR\"]", Verdict.TYPE),
                    raw("{\"amount\": {\"$gt\": 0}, \"currency\": \"EUR\"}", Verdict.TYPE));
            case "contact" -> oneOf(
                    raw("{\"name\": " + quote(pick(HOSTILE_TEXT)) + ", \"email\": \"ada@example.com\", \"phone\": \"+44 (20) 7946-0958\"}", Verdict.VALID, NULL),
                    raw("{}", Verdict.VALID, NULL), raw("null", Verdict.VALID, NULL),
                    raw("{\"name\": null, \"email\": null, \"phone\": null}", Verdict.VALID, NULL),
                    raw("{\"email\": \"not-an-email\"}", Verdict.RULE), raw("{\"email\": \"$where\"}", Verdict.RULE),
                    raw("{\"phone\": \"$gt\"}", Verdict.RULE), raw("{\"phone\": \"1\"}", Verdict.RULE),
                    raw("{\"name\": " + quote("n".repeat(201)) + "}", Verdict.RULE),
                    raw("{\"email\": {\"$ne\": null}}", Verdict.TYPE), raw("{\"$where\": \"x\"}", Verdict.TYPE),
                    raw("\"ada@example.com\"", Verdict.TYPE), raw("[]", Verdict.TYPE));
            case "revision" -> oneOf(
                    raw("1", Verdict.VALID, NULL), raw("2147483647", Verdict.VALID, NULL), raw("null", Verdict.VALID, NULL),
                    raw("0", Verdict.RULE), raw("-1", Verdict.RULE), raw("-2147483648", Verdict.RULE),
                    raw("2147483648", Verdict.TYPE), raw("9223372036854775808", Verdict.TYPE), raw("1e400", Verdict.TYPE),
                    raw("1.5", Verdict.TYPE), raw("\"2\"", Verdict.TYPE), raw("{\"$inc\": 1}", Verdict.TYPE),
                    raw("NaN", Verdict.MALFORMED), raw("-Infinity", Verdict.MALFORMED));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private Fragment attributes() {
        int variant = random.nextInt(4);
        if (variant == 0) {
            Map<String, String> map = new LinkedHashMap<>();
            int size = random.nextInt(10) == 0 ? 32 : random.nextInt(5);
            List<String> keys = List.of("region", "a.b", "where", "x-y_z.9", "K" + "k".repeat(63), "plan", "Q", "a..b", "z.");
            for (int i = 0; map.size() < size; i++) {
                String key = i < keys.size() && random.nextBoolean() ? keys.get(i) : "k" + i;
                map.put(key, random.nextInt(8) == 0 ? "v".repeat(256) : pick(HOSTILE_TEXT));
            }
            return new Fragment(json(map), Verdict.VALID, map);
        }
        if (variant == 1) {
            return oneOf(raw("null", Verdict.VALID, Map.of()), raw("{}", Verdict.VALID, Map.of()));
        }
        if (variant == 2) {
            Map<String, @Nullable String> map = new LinkedHashMap<>();
            map.put("region", "EMEA");
            switch (random.nextInt(9)) {
                case 0 -> map.put("$where", "1");
                case 1 -> map.put("$ne", "x");
                case 2 -> map.put("", "x");
                case 3 -> map.put("1abc", "x");
                case 4 -> map.put("a b", "x");
                case 5 -> map.put("a\u0000", "x");
                case 6 -> map.put("k".repeat(65), "x");
                case 7 -> map.put("plan", "v".repeat(257));
                default -> map.put("plan", null);
            }
            if (random.nextInt(4) == 0) {
                for (int i = 0; map.size() <= 32; i++) {
                    map.put("extra" + i, "x");
                }
            }
            return new Fragment(json(map), Verdict.RULE, null);
        }
        return oneOf(raw("{\"a\": 42}", Verdict.TYPE), raw("{\"a\": {\"$gt\": 1}}", Verdict.TYPE), raw("{\"a\": [\"x\"]}", Verdict.TYPE),
                raw("{\"a\": true}", Verdict.TYPE), raw("\"region=EMEA\"", Verdict.TYPE), raw("[]", Verdict.TYPE),
                raw("[{\"region\": \"EMEA\"}]", Verdict.TYPE), raw("42", Verdict.TYPE), raw("{\"a\": 1e400}", Verdict.TYPE),
                raw("{\"a\": \"1\", \"a\": \"2\"}", Verdict.UNDETERMINED));
    }

    private Fragment validScore() {
        int score = random.nextInt(11);
        return new Fragment(Integer.toString(score), Verdict.VALID, score);
    }

    private Fragment valid(java.util.function.Supplier<String> text) {
        String value = text.get();
        return new Fragment(quote(value), Verdict.VALID, value);
    }

    private static Fragment rule(String text) {
        return new Fragment(quote(text), Verdict.RULE, null);
    }

    private static Fragment raw(String json, Verdict verdict) {
        return new Fragment(json, verdict, null);
    }

    private static Fragment raw(String json, Verdict verdict, Object value) {
        return new Fragment(json, verdict, value);
    }

    private Fragment invalidUtf8() {
        boolean lenient = random.nextInt(4) == 0;
        StringBuilder text = new StringBuilder("\"c");
        String bytes = pick(lenient ? LENIENTLY_DECODED : INVALID_UTF8);
        for (int i = 0; i < bytes.length(); i += 2) {
            text.append(RAW_BYTE).append(bytes, i, i + 2);
        }
        return new Fragment(text.append("d\"").toString(), lenient ? Verdict.UNDETERMINED : Verdict.MALFORMED, null);
    }

    private Fragment unescapedControl() {
        char control = (char) pick(List.of(0, 1, 8, 10, 13, 27, 31)).intValue();
        return new Fragment("\"c" + control + "d\"", Verdict.MALFORMED, null);
    }

    /** A lone UTF-16 surrogate, escaped: well-formed JSON, but not Unicode text; the rules do not say. */
    private Fragment loneSurrogate() {
        return new Fragment(pick(List.of("\"c\\ud800\"", "\"c\\udfff\"", "\"\\udc00c\"", "\"c\\ud83d\\ud83d\"")), Verdict.UNDETERMINED, null);
    }

    /** A string over the parser's limit of 20,000 characters, still under the body limit. */
    private Fragment tooLong() {
        return new Fragment(quote("y".repeat(20_001 + random.nextInt(5_000))), Verdict.MALFORMED, null);
    }

    private Fragment tooLarge() {
        return new Fragment(quote("z".repeat(maxBodyBytes + 1 + random.nextInt(1_000))), Verdict.TOO_LARGE, null);
    }

    @SafeVarargs
    private <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Text to bytes as UTF-8, except that {@link #RAW_BYTE} and two hex digits become that byte. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int start = 0;
        for (int i = text.indexOf(RAW_BYTE); i >= 0; i = text.indexOf(RAW_BYTE, start)) {
            out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
            out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
            start = i + 3;
        }
        out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A body being mutated: its members in order, what each mutation did and what a valid result must carry. */
    private final class Draft {

        private final String responseId;
        private final List<String[]> members = new ArrayList<>();
        /** Per member key, what its current value does to the body. */
        private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
        private final List<String> mutations = new ArrayList<>();
        /** A duplicated key or bytes after the body: what the parser makes of the rest is left open. */
        private boolean undetermined;
        private String customerId;
        private int score;
        private @Nullable String comment;
        private Map<String, String> attributes = Map.of();
        private @Nullable String replacedBody;
        private Verdict replacedVerdict = Verdict.MALFORMED;
        private String trailing = "";

        Draft(String responseId) {
            this.responseId = responseId;
            this.customerId = "c-" + random.nextInt(1_000);
            this.score = random.nextInt(11);
            members.add(new String[] {"responseId", quote(responseId)});
            members.add(new String[] {"customerId", quote(customerId)});
            members.add(new String[] {"score", Integer.toString(score)});
            if (random.nextBoolean()) {
                members.add(new String[] {"channel", quote(pick(CHANNELS))});
            }
            if (random.nextBoolean()) {
                comment = "fine";
                members.add(new String[] {"comment", quote(comment)});
            }
        }

        boolean replaced() {
            return replacedBody != null;
        }

        void set(String field, Fragment fragment) {
            mutations.add(field + "=" + abbreviate(fragment.json()) + " (" + fragment.verdict() + ")");
            place(field, fragment.json());
            verdicts.put(field, fragment.verdict());
            if (fragment.verdict() == Verdict.UNDETERMINED) {
                // Whether the parser takes the value decides whether other broken fields are reached at all.
                undetermined = true;
            }
            if (fragment.verdict() == Verdict.VALID) {
                remember(field, fragment.value());
            }
        }

        private void place(String field, String json) {
            members.removeIf(member -> member[0].equals(field));
            members.add(random.nextInt(members.size() + 1), new String[] {field, json});
        }

        private void remember(String field, @Nullable Object value) {
            switch (field) {
                case "customerId" -> customerId = (String) value;
                case "score" -> score = (Integer) value;
                case "comment" -> comment = value == NULL ? null : (String) value;
                case "attributes" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> map = (Map<String, String>) value;
                    attributes = map;
                }
                default -> {
                    // Other fields are not compared with what is published.
                }
            }
        }

        void addUnknown(String key, String value) {
            mutations.add("unknown " + quote(key));
            place(key, value);
            verdicts.put(key, Verdict.TYPE);
        }

        /** Which of two values wins is the parser's choice; a value that is not JSON at all breaks the body either way. */
        void duplicate(String field, Fragment second) {
            mutations.add("duplicate " + field + "=" + abbreviate(second.json()) + " (" + second.verdict() + ")");
            members.add(new String[] {field, second.json()});
            boolean unreadable = second.verdict().ordinal() >= Verdict.MALFORMED.ordinal();
            verdicts.merge(field, unreadable ? second.verdict() : Verdict.UNDETERMINED,
                    (first, next) -> first.ordinal() >= Verdict.MALFORMED.ordinal() || next.ordinal() >= Verdict.MALFORMED.ordinal()
                            ? (first.ordinal() > next.ordinal() ? first : next) : Verdict.UNDETERMINED);
            undetermined = true;
        }

        void deepValue(String field, int depth) {
            mutations.add("nested " + field + " " + depth + " deep");
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            place(field, open.repeat(depth) + "1" + close.repeat(depth));
            verdicts.put(field, Verdict.MALFORMED);
        }

        void trailing(String bytes) {
            mutations.add("trailing " + quote(bytes));
            trailing = bytes;
            undetermined = true;
        }

        void replaceBody() {
            int choice = random.nextInt(12);
            String body = switch (choice) {
                case 0 -> "[".repeat(10_000) + "]".repeat(10_000);
                case 1 -> "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
                case 2 -> "";
                case 3 -> "null";
                case 4 -> "[]";
                case 5 -> "\"customerId\"";
                case 6 -> "42";
                case 7 -> "{\"responseId\": " + quote(responseId) + ", \"customerId\": \"c-1\", \"sco";
                case 8 -> "\u0000\u0000\u0000";
                case 9 -> RAW_BYTE + "FF" + RAW_BYTE + "FE{}";
                case 10 -> "<response><score>9</score></response>";
                default -> "{}";
            };
            mutations.add("body " + abbreviate(body));
            replacedBody = body;
            verdicts.clear();
            if (choice == 11) {
                // An empty object: both required fields are missing, and both are named.
                verdicts.put("customerId", Verdict.RULE);
                verdicts.put("score", Verdict.RULE);
                replacedVerdict = Verdict.RULE;
            } else {
                replacedVerdict = Verdict.MALFORMED;
            }
        }

        Body build() {
            String text;
            Verdict result = Verdict.VALID;
            if (replacedBody != null) {
                text = replacedBody;
                result = replacedVerdict;
            } else {
                StringBuilder json = new StringBuilder("{");
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        json.append(random.nextInt(4) == 0 ? " ,\n " : ",");
                    }
                    json.append(quote(members.get(i)[0])).append(':').append(members.get(i)[1]);
                }
                text = json.append('}').append(trailing).toString();
                for (Verdict verdict : verdicts.values()) {
                    if (verdict.ordinal() > result.ordinal()) {
                        result = verdict;
                    }
                }
                if (undetermined && result.ordinal() < Verdict.MALFORMED.ordinal()) {
                    result = Verdict.UNDETERMINED;
                }
            }
            byte[] bytes = bytes(text);
            if (bytes.length > maxBodyBytes) {
                result = Verdict.TOO_LARGE;
            } else if (result == Verdict.TOO_LARGE) {
                result = Verdict.MALFORMED;
            }
            Set<String> broken = new LinkedHashSet<>();
            Set<String> ruleBroken = new LinkedHashSet<>();
            verdicts.forEach((field, verdict) -> {
                if (verdict != Verdict.VALID) {
                    broken.add(field);
                }
                if (verdict == Verdict.RULE) {
                    ruleBroken.add(field);
                }
            });
            return new Body(responseId, bytes, result, Set.copyOf(broken), Set.copyOf(ruleBroken), List.copyOf(mutations),
                    new Expected(customerId, score, comment, attributes));
        }

        private static String abbreviate(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + ")" : text;
        }
    }
}
