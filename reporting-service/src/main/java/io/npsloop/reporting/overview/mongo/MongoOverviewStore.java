package io.npsloop.reporting.overview.mongo;

import java.time.LocalDate;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.GuardedWrites;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.reporting.overview.OverviewStore;
import io.npsloop.statistics.NpsTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The overview read model in MongoDB. Writes are guarded upserts: a document only takes a change
 * newer than the one it holds (higher version or sequence); an older one finds no match, the upsert
 * then collides on {@code _id}, and the collision means "already applied".
 */
@Component
class MongoOverviewStore implements OverviewStore {

    static final String DAILY = "daily_figures";
    static final String CASES = "cases";

    private final MongoCollection<Document> daily;
    private final MongoCollection<Document> cases;

    MongoOverviewStore(MongoDatabase database) {
        this.daily = database.getCollection(DAILY);
        this.cases = database.getCollection(CASES);
    }

    static String dailyId(String dimension, String segment, LocalDate day) {
        return dimension + "|" + segment + "|" + day;
    }

    @Override
    public void saveDailyFigure(DailyFigure figure) {
        Bson newer = Filters.and(Filters.eq("_id", dailyId(figure.dimension(), figure.segment(), figure.day())),
                Filters.or(Filters.lt("version", figure.version()), Filters.exists("version", false)));
        Bson update = Updates.combine(
                Updates.set("dimension", figure.dimension()),
                Updates.set("segment", figure.segment()),
                Updates.set("day", figure.day().toString()),
                Updates.set("promoters", figure.tally().promoters()),
                Updates.set("passives", figure.tally().passives()),
                Updates.set("detractors", figure.tally().detractors()),
                Updates.set("version", figure.version()));
        GuardedWrites.upsertUnlessApplied(daily, newer, update);
    }

    @Override
    public NpsTally sum(String dimension, String segment, LocalDate from, LocalDate to) {
        // A range on _id, the one index the store always honours: ids sort by segment, then ISO day.
        Bson range = Filters.and(Filters.gte("_id", dailyId(dimension, segment, from)),
                Filters.lte("_id", dailyId(dimension, segment, to)));
        NpsTally sum = NpsTally.EMPTY;
        for (Document doc : daily.find(range)) {
            sum = sum.plus(new NpsTally(doc.getLong("promoters"), doc.getLong("passives"), doc.getLong("detractors")));
        }
        return sum;
    }

    @Override
    public void caseOpened(String caseId, String queue) {
        Bson unknown = Filters.eq("_id", caseId);
        Bson update = Updates.combine(
                Updates.setOnInsert("queue", queue),
                Updates.setOnInsert("state", "OPEN"),
                Updates.setOnInsert("sequence", 0L));
        cases.updateOne(unknown, update, new UpdateOptions().upsert(true));
    }

    /**
     * Only cases opened by an alert are tracked: a change of a case never opened here (an advocacy
     * task) finds no document and changes nothing. One customer's events share a partition, so a
     * case's opening always arrives before its changes.
     */
    @Override
    public void caseStateChanged(String caseId, String queue, long sequence, String state) {
        Bson newer = Filters.and(Filters.eq("_id", caseId), Filters.lt("sequence", sequence));
        Bson update = Updates.combine(Updates.set("queue", queue), Updates.set("state", state), Updates.set("sequence", sequence));
        cases.updateOne(newer, update);
    }

    @Override
    public long casesIn(List<String> states) {
        return cases.countDocuments(Filters.in("state", states));
    }

}
