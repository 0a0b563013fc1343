package io.npsloop.ingest.responses.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.fuzz.HostileCsv;
import io.npsloop.ingest.fuzz.HostileResponses;
import io.npsloop.ingest.fuzz.HostileResponses.Body;
import io.npsloop.ingest.fuzz.HostileResponses.Verdict;
import io.npsloop.ingest.fuzz.Seeds;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Generated hostile bodies against the three write endpoints, many per run, each judged against
 * the answer its generator says it is owed: never a 5xx; a valid body (however hostile its text) is
 * accepted and published with exactly the values sent; a broken one is a 4xx problem naming only
 * fields that were broken (every field that breaks a rule, when nothing is of the wrong type) and
 * nothing of it is published or kept in the ledger. The seed is printed with every failure and can
 * be set with {@code -Dnps.fuzz.seed=...} to replay a run.
 */
class HostileBodiesMvcTests extends IngestMvcTestContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_BATCH_ITEMS = 5;
    private static final String SOURCE = "test-source";
    private static final List<String> NOT_OBJECTS = List.of("42", "null", "\"r-1\"", "[]", "[{\"customerId\":\"c\",\"score\":1}]");

    @BeforeEach
    void reset() {
        ledger.clear();
        publisher.clear();
    }

    @Test
    void singleResponsesAreAcceptedAsSentWhenValidAndOtherwiseRejectedNamingTheBrokenFieldsWithNothingPublished() throws Exception {
        long seed = Seeds.next();
        HostileResponses bodies = new HostileResponses(new SplittableRandom(seed), MAX_BODY);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            reset();
            Body body = bodies.next("fz-" + i);
            MockHttpServletResponse answer = send(post("/api/v1/responses").contentType(MediaType.APPLICATION_JSON), body.json());
            String failure = judgeSingle(body, answer);
            if (failure != null) {
                failures.add(failure + "\n    body: " + body.describe() + "\n    answer: " + answer.getStatus() + " "
                        + abbreviate(answer.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    @Test
    void batchItemsAreJudgedOneByOneAndOnlyTheValidOnesArePublished() throws Exception {
        long seed = Seeds.next();
        SplittableRandom random = new SplittableRandom(seed);
        HostileResponses bodies = new HostileResponses(random, MAX_BODY);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            reset();
            int size = random.nextInt(12) == 0 ? MAX_BATCH_ITEMS + 1 + random.nextInt(3) : 1 + random.nextInt(MAX_BATCH_ITEMS);
            List<@Nullable Body> items = new ArrayList<>();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("{\"responses\":[".getBytes(StandardCharsets.UTF_8));
            for (int n = 0; n < size; n++) {
                if (n > 0) {
                    bytes.write(',');
                }
                if (random.nextInt(15) == 0) {
                    items.add(null);
                    bytes.writeBytes(NOT_OBJECTS.get(random.nextInt(NOT_OBJECTS.size())).getBytes(StandardCharsets.UTF_8));
                } else {
                    // Each item keeps its own bytes, raw invalid UTF-8 included.
                    Body item = bodies.nextItem("fzb-" + i + "-" + n);
                    items.add(item);
                    bytes.writeBytes(item.json());
                }
            }
            bytes.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
            MockHttpServletResponse answer = send(post("/api/v1/responses/batch").contentType(MediaType.APPLICATION_JSON), bytes.toByteArray());
            String failure = judgeBatch(items, answer);
            if (failure != null) {
                failures.add(failure + "\n    items: " + items.stream().map(item -> item == null ? "(not an object)" : item.describe())
                        .collect(Collectors.joining("\n           ")) + "\n    answer: " + answer.getStatus() + " "
                        + abbreviate(answer.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    /** A value each intake path must refuse, the JSON member and the CSV cells that carry it, and the one field to name. */
    private record Refusal(String field, String member, String csvColumns, String csvCells) {
    }

    @Test
    void negativeAmountsAnswersOverTenYearsOldAndUnknownCurrenciesAreRefusedOnEveryPathNamingTheSameField() throws Exception {
        String elevenYearsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusYears(11).toInstant().toString();
        List<Refusal> refusals = List.of(
                new Refusal("accountValue.amount", "\"accountValue\":{\"amount\":\"-1200.50\",\"currency\":\"EUR\"}",
                        "accountValueAmount,accountValueCurrency", "-1200.50,EUR"),
                new Refusal("accountValue.amount", "\"accountValue\":{\"amount\":\"-0.01\",\"currency\":\"EUR\"}",
                        "accountValueAmount,accountValueCurrency", "-0.01,EUR"),
                new Refusal("respondedAt", "\"respondedAt\":\"" + elevenYearsAgo + "\"", "respondedAt", elevenYearsAgo),
                new Refusal("respondedAt", "\"respondedAt\":\"1970-01-01T00:00:00Z\"", "respondedAt", "1970-01-01T00:00:00Z"),
                new Refusal("accountValue.currency", "\"accountValue\":{\"amount\":\"1200.50\",\"currency\":\"ABC\"}",
                        "accountValueAmount,accountValueCurrency", "1200.50,ABC"));
        for (Refusal refusal : refusals) {
            String item = "{\"responseId\":\"bound-1\",\"customerId\":\"c-1\",\"score\":3," + refusal.member() + "}";

            reset();
            MockHttpServletResponse single = send(post("/api/v1/responses").contentType(MediaType.APPLICATION_JSON), utf8(item));
            assertThat(single.getStatus()).as(item).isEqualTo(400);
            assertThat(single.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(namedFields(JSON.readTree(single.getContentAsByteArray()))).as(item).containsExactly(refusal.field());

            MockHttpServletResponse batch = send(post("/api/v1/responses/batch").contentType(MediaType.APPLICATION_JSON),
                    utf8("{\"responses\":[" + item + "]}"));
            assertThat(batch.getStatus()).as(item).isEqualTo(200);
            JsonNode result = JSON.readTree(batch.getContentAsByteArray()).path("results").path(0);
            assertThat(result.path("status").asString()).as(item).isEqualTo("rejected");
            assertThat(result.path("errors").findValuesAsString("field")).as(item).containsExactly(refusal.field());

            MockHttpServletResponse csv = send(post("/api/v1/responses/import").header("Content-Type", "text/csv"),
                    utf8("responseId,customerId,score," + refusal.csvColumns() + "\nbound-1,c-1,3," + refusal.csvCells() + "\n"));
            assertThat(csv.getStatus()).as(refusal.csvCells()).isEqualTo(200);
            JsonNode report = JSON.readTree(csv.getContentAsByteArray());
            assertThat(report.path("accepted").asInt()).isZero();
            assertThat(report.path("rejections").path(0).path("errors").findValuesAsString("field")).as(refusal.csvCells())
                    .containsExactly(refusal.field());
            assertThat(publisher.published()).as(item).isEmpty();
        }
    }

    @Test
    void aCommentOfWhiteSpaceOnlyIsTakenAsNoCommentOnEveryPath() throws Exception {
        for (String blank : List.of("", "   ", "\t\n ", "\u2028\u3000")) {
            String quoted = JSON.writeValueAsString(blank);
            reset();
            MockHttpServletResponse single = send(post("/api/v1/responses").contentType(MediaType.APPLICATION_JSON),
                    utf8("{\"responseId\":\"blank-1\",\"customerId\":\"c-1\",\"score\":3,\"comment\":" + quoted + "}"));
            MockHttpServletResponse batch = send(post("/api/v1/responses/batch").contentType(MediaType.APPLICATION_JSON),
                    utf8("{\"responses\":[{\"responseId\":\"blank-2\",\"customerId\":\"c-1\",\"score\":3,\"comment\":" + quoted + "}]}"));
            MockHttpServletResponse csv = send(post("/api/v1/responses/import").header("Content-Type", "text/csv"),
                    utf8("responseId,customerId,score,comment\nblank-3,c-1,3,\"" + blank + "\"\n"));

            assertThat(List.of(single.getStatus(), batch.getStatus(), csv.getStatus())).as(quoted).containsExactly(202, 200, 200);
            assertThat(publisher.published()).as(quoted).hasSize(3)
                    .allSatisfy(event -> assertThat(event.comment()).as(event.responseId()).isNull());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void batchesThatAreNotAListOfOneToFiveItemsAreRejectedNamingResponses() throws Exception {
        for (String body : List.of("{}", "{\"responses\":null}", "{\"responses\":[]}", "{\"responses\":{\"$ne\":null}}",
                "{\"responses\":\"[]\"}", "{\"responses\":42}", "{\"responses\":[{},{},{},{},{},{}]}",
                "{\"responses\":[{\"customerId\":\"c\",\"score\":1}],\"$where\":\"1\"}")) {
            reset();
            MockHttpServletResponse answer = send(post("/api/v1/responses/batch").contentType(MediaType.APPLICATION_JSON),
                    body.getBytes(StandardCharsets.UTF_8));

            assertThat(answer.getStatus()).as(body).isEqualTo(400);
            assertThat(answer.getContentType()).as(body).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(namedFields(JSON.readTree(answer.getContentAsByteArray()))).as(body)
                    .isNotEmpty().allMatch(field -> field.startsWith("responses") || field.equals("$where"));
            assertThat(publisher.published()).as(body).isEmpty();
        }
    }

    @Test
    void bodiesOfAnyOtherContentTypeAre415ProblemsAndPublishNothing() throws Exception {
        long seed = Seeds.next();
        SplittableRandom random = new SplittableRandom(seed);
        HostileResponses bodies = new HostileResponses(random, MAX_BODY);
        List<String> types = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/csv",
                "multipart/form-data; boundary=x", "application/javascript", "application/merge-patch+json", "text/json",
                "application/octet-stream", "image/png");
        for (int i = 0; i < 60; i++) {
            reset();
            Body body = bodies.nextValid("fzt-" + i);
            String type = types.get(random.nextInt(types.size()));
            String path = random.nextBoolean() ? "/api/v1/responses" : "/api/v1/responses/batch";
            MockHttpServletRequestBuilder request = post(path).header("Content-Type", type);

            MockHttpServletResponse answer = send(request, body.json());

            assertThat(answer.getStatus()).as("seed %d: %s to %s", seed, type, path).isEqualTo(415);
            assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(publisher.published()).isEmpty();
        }
        reset();
        MockHttpServletResponse untyped = send(post("/api/v1/responses"), "{\"customerId\":\"c\",\"score\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(untyped.getStatus()).isEqualTo(415);
        for (String type : List.of("application/json", "text/plain", "application/xml", "application/octet-stream")) {
            MockHttpServletResponse csvAsOther = send(post("/api/v1/responses/import").header("Content-Type", type),
                    "responseId,customerId,score\nfzt-csv,c-1,9\n".getBytes(StandardCharsets.UTF_8));
            assertThat(csvAsOther.getStatus()).as(type).isEqualTo(415);
            assertThat(csvAsOther.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void csvImportsOfHostileRowsAcceptExactlyTheValidRowsAndReportEveryOtherByLine() throws Exception {
        long seed = Seeds.next();
        HostileCsv files = new HostileCsv(new SplittableRandom(seed));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            reset();
            HostileCsv.File file = files.next("fzc-" + i);
            MockHttpServletResponse answer = send(post("/api/v1/responses/import").header("Content-Type", file.contentType()), file.bytes());
            String failure = judgeCsv(file, answer);
            if (failure != null) {
                failures.add(failure + "\n    file: " + file.describe() + "\n    answer: " + answer.getStatus() + " "
                        + abbreviate(answer.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        assertThat(failures).as("seed %d", seed).isEmpty();
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, byte[] body) throws Exception {
        return mvc.perform(request.header("X-API-Key", KEY).content(body)).andReturn().getResponse();
    }

    /** Null when the answer is the one the body is owed, else what is wrong with it. */
    private @Nullable String judgeSingle(Body body, MockHttpServletResponse answer) throws Exception {
        int status = answer.getStatus();
        if (status >= 500) {
            return "a " + status;
        }
        List<ResponseSubmitted> published = publisher.published();
        boolean stored = ledger.find(SOURCE + "|" + body.responseId()).isPresent();
        if (status == 202) {
            if (body.verdict() != Verdict.VALID && body.verdict() != Verdict.UNDETERMINED) {
                return "accepted a body that is " + body.verdict();
            }
            if (published.size() != 1 || !published.get(0).responseId().equals(body.responseId())) {
                return "accepted, but published " + published.size() + " events";
            }
            return body.verdict() == Verdict.VALID ? sameAsSent(body, published.get(0)) : null;
        }
        if (!published.isEmpty() || stored) {
            return "answered " + status + " but published " + published.size() + " events or kept a ledger entry";
        }
        if (!answer.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            return "a " + status + " that is not a problem";
        }
        return judgeRejection(body, status, JSON.readTree(answer.getContentAsByteArray()));
    }

    private static @Nullable String judgeRejection(Body body, int status, JsonNode problem) {
        int expected = body.verdict() == Verdict.TOO_LARGE ? 413 : 400;
        if (body.verdict() == Verdict.VALID) {
            return "rejected a valid body";
        }
        if (body.verdict() == Verdict.UNDETERMINED) {
            return status >= 400 && status < 500 ? null : "answered " + status;
        }
        if (status != expected) {
            return "expected " + expected + " for a body that is " + body.verdict();
        }
        return judgeNames(body, namedFields(problem));
    }

    /** The fields a problem or a rejected item names must be broken ones, and every rule broken must be named. */
    private static @Nullable String judgeNames(Body body, Set<String> named) {
        Set<String> tops = named.stream().map(HostileBodiesMvcTests::topLevel).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> allowed = new HashSet<>(body.brokenFields());
        if (body.verdict() == Verdict.MALFORMED) {
            allowed.add("(body)");
        }
        if (!allowed.containsAll(tops)) {
            return "named " + named + " but broke only " + body.brokenFields();
        }
        if (body.verdict() == Verdict.TYPE && tops.isEmpty()) {
            return "named no field for a value of the wrong type in " + body.brokenFields();
        }
        if (body.verdict() == Verdict.RULE && !tops.containsAll(body.ruleFields())) {
            return "named " + named + " but broke the rules of " + body.ruleFields();
        }
        return null;
    }

    private @Nullable String judgeBatch(List<@Nullable Body> items, MockHttpServletResponse answer) throws Exception {
        int status = answer.getStatus();
        if (status >= 500) {
            return "a " + status;
        }
        List<ResponseSubmitted> published = publisher.published();
        boolean malformed = items.stream().anyMatch(item -> item != null && item.verdict() == Verdict.MALFORMED);
        if (items.size() > MAX_BATCH_ITEMS || malformed) {
            if (status != 400 || !published.isEmpty()) {
                return "expected a 400 publishing nothing for " + (malformed ? "a malformed item" : "too many items")
                        + ", got " + status + " with " + published.size() + " published";
            }
            return null;
        }
        boolean maybeUnreadable = items.stream().anyMatch(item -> item != null && item.verdict() == Verdict.UNDETERMINED && item.notUtf8());
        if (status == 400 && maybeUnreadable && published.isEmpty()) {
            // Bytes the parser may refuse: then the whole batch is unreadable, which is an answer it may give.
            return null;
        }
        if (status != 200) {
            return "expected 200 with a result per item";
        }
        JsonNode results = JSON.readTree(answer.getContentAsByteArray()).path("results");
        Set<String> accepted = new HashSet<>();
        for (int index = 0; index < items.size(); index++) {
            Body item = items.get(index);
            JsonNode result = results.path(index);
            String itemStatus = result.path("status").asString();
            if (item == null) {
                if (!itemStatus.equals("rejected")) {
                    return "item " + index + " is not an object but is " + itemStatus;
                }
                continue;
            }
            if (itemStatus.equals("accepted")) {
                if (item.verdict() != Verdict.VALID && item.verdict() != Verdict.UNDETERMINED) {
                    return "item " + index + " is " + item.verdict() + " but was accepted";
                }
                accepted.add(item.responseId());
                ResponseSubmitted event = published.stream().filter(e -> e.responseId().equals(item.responseId())).findFirst().orElse(null);
                String different = event == null ? "item " + index + " accepted but not published"
                        : item.verdict() == Verdict.VALID ? sameAsSent(item, event) : null;
                if (different != null) {
                    return different;
                }
            } else if (itemStatus.equals("rejected")) {
                if (item.verdict() == Verdict.VALID) {
                    return "valid item " + index + " was rejected";
                }
                if (item.verdict() != Verdict.UNDETERMINED) {
                    Set<String> named = new LinkedHashSet<>();
                    result.path("errors").forEach(error -> named.add(error.path("field").asString()));
                    String wrongNames = judgeNames(item, named);
                    if (wrongNames != null) {
                        return "item " + index + ": " + wrongNames;
                    }
                }
            } else {
                return "item " + index + " is " + itemStatus;
            }
        }
        Set<String> publishedIds = published.stream().map(ResponseSubmitted::responseId).collect(Collectors.toSet());
        if (!publishedIds.equals(accepted) || published.size() != accepted.size()) {
            return "published " + publishedIds + " but accepted " + accepted;
        }
        return null;
    }

    private @Nullable String judgeCsv(HostileCsv.File file, MockHttpServletResponse answer) throws Exception {
        int status = answer.getStatus();
        if (status >= 500) {
            return "a " + status;
        }
        List<ResponseSubmitted> published = publisher.published();
        Set<String> publishedIds = published.stream().map(ResponseSubmitted::responseId).collect(Collectors.toSet());
        JsonNode body = JSON.readTree(answer.getContentAsByteArray());
        if (status != 200) {
            if (!answer.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                return "a " + status + " that is not a problem";
            }
            if (file.wellFormed()) {
                return "a well-formed file was refused";
            }
            // Rows before a broken part of a file are still imported, and the report says how many.
            long reported = body.path("report").path("accepted").asLong();
            return reported == published.size() ? null : "reported " + reported + " accepted but published " + published.size();
        }
        if (!file.wellFormed()) {
            long reported = body.path("accepted").asLong();
            return reported == published.size() ? null : "reported " + reported + " accepted but published " + published.size();
        }
        if (!publishedIds.equals(file.validIds()) || published.size() != file.validIds().size()) {
            return "published " + publishedIds + " but the valid rows are " + file.validIds();
        }
        if (body.path("accepted").asLong() != file.validIds().size() || body.path("rejected").asLong() != file.rejectedLines().size()) {
            return "counts do not match the rows";
        }
        Set<Long> lines = new LinkedHashSet<>();
        for (JsonNode rejection : body.path("rejections")) {
            long line = rejection.path("line").asLong();
            lines.add(line);
            Set<String> allowed = file.rejectedLines().get(line);
            if (allowed == null) {
                return "line " + line + " was rejected but is valid";
            }
            for (JsonNode error : rejection.path("errors")) {
                if (!allowed.contains(topLevel(error.path("field").asString()))) {
                    return "line " + line + " names " + error.path("field").asString() + " but broke only " + allowed;
                }
            }
        }
        if (!lines.equals(file.rejectedLines().keySet())) {
            return "rejected lines " + lines + " but expected " + file.rejectedLines().keySet();
        }
        return null;
    }

    private static @Nullable String sameAsSent(Body body, ResponseSubmitted event) {
        HostileResponses.Expected expected = body.expected();
        if (!event.source().equals(SOURCE) || !event.customerId().equals(expected.customerId()) || event.score() != expected.score()
                || !java.util.Objects.equals(event.comment(), expected.comment()) || !event.attributes().equals(expected.attributes())) {
            return "published " + List.of(event.customerId(), event.score(), String.valueOf(event.comment()), event.attributes())
                    + " instead of " + expected;
        }
        return null;
    }

    private static Set<String> namedFields(JsonNode problem) {
        Set<String> named = new LinkedHashSet<>();
        problem.path("errors").forEach(error -> named.add(error.path("field").asString()));
        return named;
    }

    /** {@code attributes[$where]} and {@code accountValue.amount} belong to {@code attributes} and {@code accountValue}. */
    static String topLevel(String field) {
        int end = field.length();
        for (char separator : new char[] {'.', '['}) {
            int at = field.indexOf(separator);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return field.substring(0, end);
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
