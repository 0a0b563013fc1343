package io.npsloop.reporting.insights.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.platform.mongo.GuardedWrites;
import io.npsloop.platform.mongo.MongoErrors;
import io.npsloop.reporting.ReportingProperties;
import io.npsloop.reporting.insights.AlertFact;
import io.npsloop.reporting.insights.Answer;
import io.npsloop.reporting.insights.CaseFact;
import io.npsloop.reporting.insights.ReadModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The projections in MongoDB, one document per response key, alert and case, each keyed by
 * {@code _id}. Writes are single-document guarded upserts: the filter matches only a document
 * older than the change (lower revision or sequence); when it does not match, the upsert collides
 * on {@code _id}, and that collision means "already applied". Money is stored as a decimal string.
 * <p>
 * Personal data is kept to what a view needs: no contact details, and of a response's attributes
 * only the configured dimensions (sources may send anything there, an email address included). The
 * customer id (the revenue-at-risk key of customers without an account) and the comment (theme
 * matching) are stored, and no view shows them.
 */
@Component
class MongoReadModel implements ReadModel {

    static final String ANSWERS = "answers";
    static final String ALERTS = "alerts";
    static final String CASES = "case_facts";

    private final MongoCollection<Document> answers;
    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> cases;
    private final Set<String> dimensions;

    MongoReadModel(MongoDatabase database, ReportingProperties properties) {
        this.answers = database.getCollection(ANSWERS);
        this.alerts = database.getCollection(ALERTS);
        this.cases = database.getCollection(CASES);
        this.dimensions = Set.copyOf(properties.dimensions());
    }

    static String answerKey(String source, String responseId) {
        return source + "|" + responseId;
    }

    /** The segment values of the configured dimensions; a newly configured dimension fills in on a rebuild. */
    Map<String, String> segments(Map<String, String> attributes, @Nullable String channel, @Nullable String touchpoint) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        if (channel != null) {
            all.put("channel", channel);
        }
        if (touchpoint != null) {
            all.put("touchpoint", touchpoint);
        }
        all.keySet().retainAll(dimensions);
        return all;
    }

    @Override
    public void saveAnswer(ResponseScored s) {
        String key = answerKey(s.source(), s.responseId());
        Bson older = Filters.and(Filters.eq("_id", key),
                Filters.or(Filters.lt("revision", s.revision()), Filters.exists("revision", false)));
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("revision", s.revision()),
                Updates.set("responseId", s.responseId()),
                Updates.set("customerId", s.customerId()),
                Updates.set("accountId", s.accountId()),
                Updates.set("occurredAt", Date.from(s.occurredAt())),
                Updates.set("score", s.score()),
                Updates.set("category", s.category().name()),
                Updates.set("comment", s.comment()),
                Updates.set("segments", new Document(new LinkedHashMap<>(segments(s.attributes(), s.channel(), s.touchpoint())))),
                Updates.set("accountValue", money(s.accountValue()))));
        GuardedWrites.upsertUnlessApplied(answers, older, Updates.combine(sets));
    }

    @Override
    public void saveAlert(DetractorAlertRaised a) {
        Document doc = new Document("_id", a.alertId())
                .append("responseId", a.responseId())
                .append("queue", a.ownerQueue())
                .append("occurredAt", Date.from(a.occurredAt()))
                .append("segments", new Document(new LinkedHashMap<>(segments(a.attributes(), a.channel(), a.touchpoint()))));
        try {
            alerts.insertOne(doc);
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    @Override
    public void caseOpened(CaseOpened e) {
        // Opening is sequence 0 and its facts never change, so a redelivery rewrites the same values;
        // the queue may move later, so it is only set when the document is new.
        Bson update = Updates.combine(
                Updates.set("alertId", e.alertId()),
                Updates.set("responseId", e.responseId()),
                Updates.set("openedAt", Date.from(e.occurredAt())),
                Updates.set("slaDueAt", Date.from(e.slaDueAt())),
                Updates.setOnInsert("queue", e.queue()),
                Updates.setOnInsert("state", "OPEN"),
                Updates.max("sequence", 0L));
        cases.updateOne(Filters.eq("_id", e.caseId()), update, new UpdateOptions().upsert(true));
    }

    @Override
    public void caseStatusChanged(CaseStatusChanged e) {
        List<Bson> sets = new ArrayList<>(List.of(Updates.set("state", e.toState()), Updates.set("queue", e.queue())));
        if (e.owner() != null) {
            // Whoever holds the case now: a claim, a take-over or a lead's assignment.
            sets.add(Updates.set("owner", e.owner()));
        } else if ("CLAIMED".equals(e.toState())) {
            // Events written before owner existed: the claimer was the actor.
            sets.add(Updates.set("owner", e.actor()));
        }
        if ("RESOLVED".equals(e.toState())) {
            sets.add(Updates.set("resolved", true));
        }
        applyCaseEvent(e.caseId(), e.sequence(), sets);
    }

    @Override
    public void contactAttempted(ContactAttempted e) {
        List<Bson> sets = new ArrayList<>(List.of(Updates.set("queue", e.queue())));
        if (e.firstContact()) {
            sets.add(Updates.min("firstContactAt", Date.from(e.occurredAt())));
        }
        applyCaseEvent(e.caseId(), e.sequence(), sets);
    }

    @Override
    public void rootCauseCoded(RootCauseCoded e) {
        applyCaseEvent(e.caseId(), e.sequence(), List.of(Updates.set("rootCauses", List.copyOf(e.categories()))));
    }

    @Override
    public void incentiveOffered(IncentiveOffered e) {
        Document experiment = new Document("experimentId", e.experimentId()).append("arm", e.arm())
                .append("rootCause", e.rootCause()).append("cost", money(e.cost())).append("accepted", e.accepted());
        applyCaseEvent(e.caseId(), e.sequence(), List.of(Updates.set("experiment", experiment)));
    }

    @Override
    public void loopClosed(LoopClosed e) {
        applyCaseEvent(e.caseId(), e.sequence(), List.of(Updates.set("resurveyCategory", e.category().name())));
    }

    @Override
    public void resurveyRequested(ResurveyRequested e) {
        applyCaseEvent(e.caseId(), e.sequence(), List.of(Updates.set("resurveyRequestedAt", Date.from(e.occurredAt()))));
    }

    @Override
    public void advocacyTaskCreated(AdvocacyTaskCreated e) {
        applyCaseEvent(e.caseId(), e.sequence(), List.of(Updates.set("kind", "ADVOCACY"), Updates.set("queue", e.queue())));
    }

    private void applyCaseEvent(String caseId, long sequence, List<Bson> sets) {
        Bson older = Filters.and(Filters.eq("_id", caseId),
                Filters.or(Filters.lt("sequence", sequence), Filters.exists("sequence", false)));
        List<Bson> all = new ArrayList<>(sets);
        all.add(Updates.set("sequence", sequence));
        GuardedWrites.upsertUnlessApplied(cases, older, Updates.combine(all));
    }

    @Override
    public List<Answer> answers() {
        List<Answer> list = new ArrayList<>();
        for (Document d : answers.find()) {
            list.add(new Answer(d.getString("_id"), d.getString("responseId"), d.getString("customerId"),
                    d.getString("accountId"), d.getDate("occurredAt").toInstant(), d.getInteger("score"),
                    Category.valueOf(d.getString("category")), d.getString("comment"), strings(d.get("segments", Document.class)),
                    money(d.get("accountValue", Document.class))));
        }
        return list;
    }

    @Override
    public List<AlertFact> alerts() {
        List<AlertFact> list = new ArrayList<>();
        for (Document d : alerts.find()) {
            list.add(new AlertFact(d.getString("_id"), d.getString("responseId"), d.getString("queue"),
                    d.getDate("occurredAt").toInstant(), strings(d.get("segments", Document.class))));
        }
        return list;
    }

    @Override
    public List<CaseFact> cases() {
        List<CaseFact> list = new ArrayList<>();
        for (Document d : cases.find(Filters.ne("kind", "ADVOCACY"))) {
            Document x = d.get("experiment", Document.class);
            CaseFact.Experiment experiment = x == null ? null : new CaseFact.Experiment(x.getString("experimentId"),
                    x.getString("arm"), x.getString("rootCause"), money(x.get("cost", Document.class)), x.getBoolean("accepted"));
            String resurvey = d.getString("resurveyCategory");
            list.add(new CaseFact(d.getString("_id"), d.getString("alertId"), d.getString("responseId"), d.getString("queue"),
                    d.getString("owner"), instant(d.getDate("openedAt")), instant(d.getDate("slaDueAt")),
                    instant(d.getDate("firstContactAt")), Boolean.TRUE.equals(d.getBoolean("resolved")), d.getString("state"),
                    d.getList("rootCauses", String.class, List.of()), resurvey == null ? null : Category.valueOf(resurvey),
                    experiment, d.get("sequence", Number.class).longValue()));
        }
        return list;
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Map<String, String> strings(@Nullable Document doc) {
        Map<String, String> map = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> map.put(k, String.valueOf(v)));
        }
        return map;
    }

    static @Nullable Document money(@Nullable Money money) {
        return money == null ? null : new Document("amount", money.amount().toPlainString()).append("currency", money.currency());
    }

    static @Nullable Money money(@Nullable Document doc) {
        return doc == null ? null : new Money(new BigDecimal(doc.getString("amount")), doc.getString("currency"));
    }

}
