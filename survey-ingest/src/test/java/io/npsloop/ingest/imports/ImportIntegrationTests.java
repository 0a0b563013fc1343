package io.npsloop.ingest.imports;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/responses/import} over HTTP against the real broker and the wire-compatible
 * store: good rows are on the topic, bad rows are reported by line, and the same file again
 * publishes nothing; as a raw {@code text/csv} body and as a multipart file.
 */
class ImportIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static RunningIngest ingest;
    private static ResponsesTopic topic;

    @BeforeAll
    static void start() {
        topic = new ResponsesTopic();
        ingest = RunningIngest.start("ingest_import_it_" + RUN);
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        topic.close();
    }

    /** Lines 3, 5 and 8 are bad; line 6 holds a comment spanning two lines, so line 8 is the file's 8th line. */
    private static String csv(String prefix) {
        return "responseId,customerId,score,comment,channel,attr.region\n"
                + prefix + "-1,c-1,9,Great,web,EMEA\n"
                + prefix + "-2,c-2,11,Too high,web,EMEA\n"
                + prefix + "-3,c-3,0,\"Chinese: \u670d\u52a1\u592a\u6162\",email,APAC\n"
                + prefix + "-4,c-4,5,,carrier-pigeon,NA\n"
                + prefix + "-5,c-5,7,\"first line\nsecond line\",sms,NA\n"
                + prefix + "-6,,8,no customer,web,NA\n";
    }

    @Test
    void aCsvBodyPublishesItsGoodRowsReportsBadOnesByLineAndIsSafeToSendAgain() {
        String prefix = "imp-body-" + RUN;

        JsonNode first = report(ingest.post("/api/v1/responses/import", Map.of("X-API-Key", RunningIngest.DEV_KEY,
                "Content-Type", "text/csv"), csv(prefix).getBytes(StandardCharsets.UTF_8)));
        JsonNode again = report(ingest.post("/api/v1/responses/import", Map.of("X-API-Key", RunningIngest.DEV_KEY,
                "Content-Type", "text/csv; charset=UTF-8"), csv(prefix).getBytes(StandardCharsets.UTF_8)));

        assertReport(first, 3, 0);
        assertReport(again, 0, 3);
        assertPublishedOnce(prefix);
    }

    @Test
    void aMultipartFilePublishesItsGoodRowsAndReportsBadOnesByLine() {
        String prefix = "imp-part-" + RUN;
        String boundary = "----nps" + RUN;
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"responses.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + csv(prefix) + "\r\n--" + boundary + "--\r\n";

        JsonNode report = report(ingest.post("/api/v1/responses/import", Map.of("X-API-Key", RunningIngest.DEV_KEY,
                "Content-Type", "multipart/form-data; boundary=" + boundary), body.getBytes(StandardCharsets.UTF_8)));

        assertReport(report, 3, 0);
        assertPublishedOnce(prefix);
    }

    @Test
    void aMultipartFileLargerThanTheDefaultPartLimitIsTaken() {
        // 2 MB: over Spring Boot's 1 MB default part size, within the configured limit.
        String prefix = "imp-big-" + RUN;
        StringBuilder csv = new StringBuilder("responseId,customerId,score,comment\n");
        String padding = "x".repeat(2_000);
        int rows = 1_000;
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append('-').append(i).append(",c-").append(i).append(",10,").append(padding).append('\n');
        }
        String boundary = "----nps" + RUN;
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(2_000_000);

        HttpResponse<String> answer = ingest.post("/api/v1/responses/import", Map.of("X-API-Key", RunningIngest.DEV_KEY,
                "Content-Type", "multipart/form-data; boundary=" + boundary), HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("accepted").asLong()).isEqualTo(rows);
    }

    @Test
    void anImportWithoutAnApiKeyIsA401ProblemAndPublishesNothing() {
        String prefix = "imp-nokey-" + RUN;
        HttpResponse<String> answer = ingest.post("/api/v1/responses/import", Map.of("Content-Type", "text/csv"),
                csv(prefix).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(topic.matching(event -> event.path("responseId").asString().startsWith(prefix))).isEmpty();
    }

    private static JsonNode report(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertReport(JsonNode report, int accepted, int duplicate) {
        assertThat(report.path("layout").asString()).isEqualTo("native");
        assertThat(report.path("rows").asLong()).isEqualTo(6);
        assertThat(report.path("accepted").asLong()).isEqualTo(accepted);
        assertThat(report.path("duplicate").asLong()).isEqualTo(duplicate);
        assertThat(report.path("rejected").asLong()).isEqualTo(3);
        assertThat(report.path("rejections").valueStream().map(rejection -> rejection.path("line").asLong()).toList())
                .containsExactly(3L, 5L, 8L);
        assertThat(report.path("rejections").get(0).path("errors").get(0).path("field").asString()).isEqualTo("score");
        assertThat(report.path("rejections").get(1).path("errors").get(0).path("field").asString()).isEqualTo("channel");
        assertThat(report.path("rejections").get(2).path("errors").get(0).path("field").asString()).isEqualTo("customerId");
    }

    private static void assertPublishedOnce(String prefix) {
        for (String good : List.of(prefix + "-1", prefix + "-3", prefix + "-5")) {
            assertThat(topic.awaitExactly("dev", good, 1)).hasSize(1);
        }
        JsonNode chinese = topic.of("dev", prefix + "-3").get(0).value();
        assertThat(chinese.path("comment").asString()).isEqualTo("Chinese: \u670d\u52a1\u592a\u6162");
        assertThat(chinese.path("attributes").path("region").asString()).isEqualTo("APAC");
        assertThat(chinese.path("customerId").asString()).isEqualTo("c-3");
        assertThat(topic.of("dev", prefix + "-5").get(0).value().path("comment").asString()).isEqualTo("first line\nsecond line");
        for (String bad : List.of(prefix + "-2", prefix + "-4", prefix + "-6")) {
            assertThat(topic.of("dev", bad)).isEmpty();
        }
    }
}
