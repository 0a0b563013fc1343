package io.npsloop.reporting.projections.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.ReportingProperties;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.Segments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * One document per response key, keyed by {@code _id}. Writes are guarded upserts: the filter
 * matches only a document with a lower revision; when it does not match, the upsert collides on
 * {@code _id}, and that collision means "already applied". A batch is one unordered bulk write.
 * <p>
 * Personal data is kept to what a view needs: no contact details, and of a response's attributes
 * only the configured dimensions. The customer id (the revenue-at-risk key of customers without an
 * account) and the comment (theme matching) are stored, and no view shows them.
 */
@Component
class MongoAnswers implements Answers {

    static final String ANSWERS = "answers";

    private final MongoCollection<Document> answers;
    private final Set<String> dimensions;

    MongoAnswers(MongoDatabase database, ReportingProperties properties) {
        this.answers = database.getCollection(ANSWERS);
        this.dimensions = Set.copyOf(properties.dimensions());
    }

    static String answerKey(String source, String responseId) {
        return source + "|" + responseId;
    }

    /** One guarded upsert per response of the batch (its latest revision), in one round trip. */
    @Override
    public void saveAnswers(List<ResponseScored> scored) {
        Map<String, ResponseScored> latest = new LinkedHashMap<>();
        for (ResponseScored s : scored) {
            latest.merge(answerKey(s.source(), s.responseId()), s, (kept, next) -> next.revision() > kept.revision() ? next : kept);
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(latest.size());
        latest.forEach((key, s) -> {
            Bson older = Filters.and(Filters.eq("_id", key),
                    Filters.or(Filters.lt("revision", s.revision()), Filters.exists("revision", false)));
            Bson update = Updates.combine(
                    Updates.set("revision", s.revision()),
                    Updates.set("responseId", s.responseId()),
                    Updates.set("customerId", s.customerId()),
                    Updates.set("accountId", s.accountId()),
                    Updates.set("occurredAt", Date.from(s.occurredAt())),
                    Updates.set("score", s.score()),
                    Updates.set("category", s.category().name()),
                    Updates.set("comment", s.comment()),
                    Updates.set("segments", MongoValues.strings(Segments.of(s.attributes(), s.channel(), s.touchpoint(), dimensions))),
                    Updates.set("accountValue", MongoValues.money(s.accountValue())));
            writes.add(new UpdateOneModel<>(older, update, MongoValues.UPSERT));
        });
        GuardedBulkWrites.writeUnlessApplied(answers, writes);
    }

    @Override
    public List<Answer> answers() {
        List<Answer> list = new ArrayList<>();
        for (Document d : answers.find()) {
            list.add(new Answer(d.getString("_id"), d.getString("responseId"), d.getString("customerId"),
                    d.getString("accountId"), d.getDate("occurredAt").toInstant(), d.getInteger("score"),
                    Category.valueOf(d.getString("category")), d.getString("comment"),
                    MongoValues.strings(d.get("segments", Document.class)), MongoValues.money(d.get("accountValue", Document.class))));
        }
        return list;
    }
}
