package io.npsloop.reporting.overview.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.overview.CaseState;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.reporting.overview.DailyTotal;
import io.npsloop.reporting.overview.OverviewStore;
import io.npsloop.statistics.NpsTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The overview read model in MongoDB. Writes are guarded upserts: a document only takes a change
 * newer than the one it holds (higher version or sequence); an older one finds no match, the upsert
 * then collides on {@code _id}, and the collision means "already applied". A batch is written in
 * one unordered bulk write, one write per document.
 */
@Component
class MongoOverviewStore implements OverviewStore {

    static final String DAILY = "daily_figures";
    static final String CASES = "cases";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> daily;
    private final MongoCollection<Document> cases;

    MongoOverviewStore(MongoDatabase database) {
        this.daily = database.getCollection(DAILY);
        this.cases = database.getCollection(CASES);
    }

    static String dailyId(String dimension, String segment, LocalDate day) {
        return dimension + "|" + segment + "|" + day;
    }

    /** One write per day of the batch (its highest version), all guarded by version, in one round trip. */
    @Override
    public void saveDailyFigures(List<DailyFigure> figures) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (DailyFigure figure : DailyFigure.latestPerDay(figures)) {
            Bson newer = Filters.and(Filters.eq("_id", dailyId(figure.dimension(), figure.segment(), figure.day())),
                    Filters.or(Filters.lt("version", figure.version()), Filters.exists("version", false)));
            Bson update = Updates.combine(
                    Updates.set("dimension", figure.dimension()),
                    Updates.set("segment", figure.segment()),
                    Updates.set("day", figure.day().toString()),
                    Updates.set("promoters", figure.tally().promoters()),
                    Updates.set("passives", figure.tally().passives()),
                    Updates.set("detractors", figure.tally().detractors()),
                    Updates.set("version", figure.version()),
                    // A newer figure without counts makes the day's counts unknown again: none kept is better than stale ones.
                    figure.scores() == null ? Updates.unset("scores") : Updates.set("scores", figure.scores()));
            writes.add(new UpdateOneModel<>(newer, update, UPSERT));
        }
        GuardedBulkWrites.writeUnlessApplied(daily, writes);
    }

    @Override
    public DailyTotal total(String dimension, String segment, LocalDate from, LocalDate to) {
        // A range on _id, the one index the store always honours: ids sort by segment, then ISO day.
        Bson range = Filters.and(Filters.gte("_id", dailyId(dimension, segment, from)),
                Filters.lte("_id", dailyId(dimension, segment, to)));
        DailyTotal total = DailyTotal.EMPTY;
        for (Document doc : daily.find(range)) {
            total = total.plus(new NpsTally(doc.getLong("promoters"), doc.getLong("passives"), doc.getLong("detractors")),
                    scores(doc));
        }
        return total;
    }

    /** A day's kept counts per score, or null if its figure carried none (the field is absent). */
    private static @Nullable List<Long> scores(Document doc) {
        List<Number> scores = doc.getList("scores", Number.class);
        return scores == null ? null : scores.stream().map(Number::longValue).toList();
    }

    /**
     * Only cases opened by an alert are tracked: a change of a case never opened here (an advocacy
     * task) changes nothing. One read of the batch's cases by {@code _id}, the fold in memory, then
     * one guarded write per changed case: an update of a known case whose applied sequence is lower,
     * or the insert of a newly opened one (a collision on {@code _id} then means another delivery of
     * the same events got there first).
     */
    @Override
    public void applyCaseStates(List<CaseState> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.caseId()));
        Map<String, CaseState> stored = new HashMap<>();
        for (Document doc : cases.find(Filters.in("_id", ids))) {
            stored.put(doc.getString("_id"), new CaseState(doc.getString("_id"), doc.getString("queue"),
                    doc.get("sequence", Number.class).longValue(), doc.getString("state")));
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (CaseState state : CaseState.fold(stored, events).values()) {
            Bson older = Filters.and(Filters.eq("_id", state.caseId()), Filters.lt("sequence", state.sequence()));
            Bson update = Updates.combine(Updates.set("queue", state.queue()), Updates.set("state", state.state()),
                    Updates.set("sequence", state.sequence()));
            // A case opened in this batch is upserted; for the opening alone (sequence 0) the guard never
            // matches, so it is an insert unless the case is kept already.
            writes.add(stored.containsKey(state.caseId()) ? new UpdateOneModel<>(older, update) : new UpdateOneModel<>(older, update, UPSERT));
        }
        GuardedBulkWrites.writeUnlessApplied(cases, writes);
    }

    @Override
    public long casesIn(List<String> states) {
        return cases.countDocuments(Filters.in("state", states));
    }

}
