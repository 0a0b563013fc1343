package io.npsloop.scoring.nps.mongo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.npsloop.contracts.Category;
import io.npsloop.scoring.nps.CustomerAnswer;
import io.npsloop.scoring.nps.CustomerHistory;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoreCounts;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.VersionedTally;
import io.npsloop.statistics.NpsTally;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Explicit mapping between the scoring records and their BSON documents. */
final class ScoringDocuments {

    private static final String DAYS = "days";

    private ScoringDocuments() {
    }

    static Document toDocument(ScoredResponse response) {
        return new Document("_id", response.key())
                .append("customerId", response.customerId())
                .append("revision", response.revision())
                .append("score", response.score())
                .append("category", response.category().name())
                .append("day", response.day().toString())
                .append("segments", response.segments().stream().map(ScoringDocuments::toDocument).toList())
                .append("replaced", response.replaced().stream()
                        .map(bucket -> toDocument(bucket.segment()).append("day", bucket.day().toString()))
                        .toList())
                .append("previousScore", response.previousScore())
                .append("previousCategory", response.previousCategory() == null ? null : response.previousCategory().name())
                .append("previousResponseId", response.previousResponseId())
                .append("appliedPosition", response.appliedPosition());
    }

    static ScoredResponse toScoredResponse(Document doc) {
        List<Segment> segments = doc.getList("segments", Document.class).stream().map(ScoringDocuments::toSegment).toList();
        List<DayBucket> replaced = doc.getList("replaced", Document.class, List.of()).stream()
                .map(bucket -> new DayBucket(toSegment(bucket), LocalDate.parse(bucket.getString("day"))))
                .toList();
        String previousCategory = doc.getString("previousCategory");
        return new ScoredResponse(
                doc.getString("_id"),
                doc.getString("customerId"),
                doc.getInteger("revision"),
                doc.getInteger("score"),
                Category.valueOf(doc.getString("category")),
                LocalDate.parse(doc.getString("day")),
                segments,
                replaced,
                doc.getInteger("previousScore"),
                previousCategory == null ? null : Category.valueOf(previousCategory),
                doc.getString("previousResponseId"),
                doc.getString("appliedPosition"));
    }

    /** A field name for a response key: keys may hold dots and dollars, which field names cannot. */
    static String answerField(String responseKey) {
        return UUID.nameUUIDFromBytes(responseKey.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    static Document toDocument(CustomerAnswer answer) {
        return new Document("responseKey", answer.responseKey())
                .append("responseId", answer.responseId())
                .append("score", answer.score())
                .append("category", answer.category().name())
                .append("answeredAt", Date.from(answer.answeredAt()));
    }

    static CustomerHistory toHistory(Document doc) {
        Document answers = doc.get("answers", Document.class);
        if (answers == null) {
            return CustomerHistory.EMPTY;
        }
        List<CustomerAnswer> history = new ArrayList<>();
        for (Object value : answers.values()) {
            Document answer = (Document) value;
            history.add(new CustomerAnswer(
                    doc.getString("_id"),
                    answer.getString("responseKey"),
                    answer.getString("responseId"),
                    answer.getInteger("score"),
                    Category.valueOf(answer.getString("category")),
                    answer.getDate("answeredAt").toInstant()));
        }
        return new CustomerHistory(history);
    }

    /** The tallies' document of one segment and month; ids sort by segment, then month. */
    static String monthId(Segment segment, YearMonth month) {
        return segment.key() + "|" + month;
    }

    /** The path of a day's sub-document in its month's document ({@code days.d07}). */
    static String dayPath(LocalDate day) {
        return DAYS + "." + dayField(day.getDayOfMonth());
    }

    static @Nullable Document day(Document month, LocalDate day) {
        Document days = month.get(DAYS, Document.class);
        return days == null ? null : days.get(dayField(day.getDayOfMonth()), Document.class);
    }

    /** Every day written in a month document, with its tally and version. */
    static Map<LocalDate, VersionedTally> days(Document month) {
        YearMonth yearMonth = YearMonth.parse(month.getString("month"));
        Document days = month.get(DAYS, Document.class);
        Map<LocalDate, VersionedTally> result = new TreeMap<>();
        if (days != null) {
            days.forEach((field, value) -> result.put(yearMonth.atDay(Integer.parseInt(field.substring(1))),
                    toVersionedTally((Document) value)));
        }
        return result;
    }

    /** A day's tally; a score count never written (every count of a day written before they were kept) is 0. */
    static VersionedTally toVersionedTally(Document day) {
        long[] scores = new long[ScoreCounts.SCORES];
        for (int score = 0; score < ScoreCounts.SCORES; score++) {
            scores[score] = number(day, scoreField(score));
        }
        return new VersionedTally(new NpsTally(number(day, "promoters"), number(day, "passives"), number(day, "detractors")),
                number(day, "version"), ScoreCounts.of(scores));
    }

    /** The field of a day's count of one score: {@code s0} to {@code s10}. */
    static String scoreField(int score) {
        return "s" + score;
    }

    // A letter first: a field name of digits alone reads as an array index in update paths.
    private static String dayField(int dayOfMonth) {
        return dayOfMonth < 10 ? "d0" + dayOfMonth : "d" + dayOfMonth;
    }

    private static Document toDocument(Segment segment) {
        return new Document("dimension", segment.dimension()).append("value", segment.value());
    }

    private static Segment toSegment(Document doc) {
        return new Segment(doc.getString("dimension"), doc.getString("value"));
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
