package io.npsloop.scoring.nps.mongo;

import java.time.LocalDate;
import java.util.List;

import io.npsloop.contracts.Category;
import io.npsloop.scoring.nps.CustomerLastAnswer;
import io.npsloop.statistics.NpsTally;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.Segment;
import org.bson.Document;

/** Explicit mapping between the scoring records and their BSON documents. */
final class ScoringDocuments {

    private ScoringDocuments() {
    }

    static Document toDocument(ScoredResponse response) {
        return new Document("_id", response.key())
                .append("customerId", response.customerId())
                .append("revision", response.revision())
                .append("score", response.score())
                .append("category", response.category().name())
                .append("day", response.day().toString())
                .append("segments", response.segments().stream()
                        .map(segment -> new Document("dimension", segment.dimension()).append("value", segment.value()))
                        .toList())
                .append("previousScore", response.previousScore())
                .append("previousCategory", response.previousCategory() == null ? null : response.previousCategory().name())
                .append("previousResponseId", response.previousResponseId())
                .append("appliedPosition", response.appliedPosition());
    }

    static ScoredResponse toScoredResponse(Document doc) {
        List<Segment> segments = doc.getList("segments", Document.class).stream()
                .map(segment -> new Segment(segment.getString("dimension"), segment.getString("value")))
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
                doc.getInteger("previousScore"),
                previousCategory == null ? null : Category.valueOf(previousCategory),
                doc.getString("previousResponseId"),
                doc.getString("appliedPosition"));
    }

    static CustomerLastAnswer toCustomer(Document doc) {
        return new CustomerLastAnswer(
                doc.getString("_id"),
                doc.getString("responseKey"),
                doc.getString("responseId"),
                doc.getInteger("score"),
                Category.valueOf(doc.getString("category")),
                doc.getDate("answeredAt").toInstant());
    }

    static NpsTally toTally(Document doc) {
        return new NpsTally(number(doc, "promoters"), number(doc, "passives"), number(doc, "detractors"));
    }

    static long version(Document doc) {
        return number(doc, "version");
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
