package io.npsloop.reporting.projections.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.projections.DailyFigure;
import io.npsloop.reporting.projections.DailyTotal;
import io.npsloop.reporting.projections.DailyFigures;
import io.npsloop.statistics.NpsTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One document per segment and day. Writes are guarded upserts: a document only takes a figure with
 * a higher version than the one it holds; an older one finds no match, the upsert then collides on
 * {@code _id}, and the collision means "already applied". A batch is one unordered bulk write.
 */
@Component
class MongoDailyFigures implements DailyFigures {

    static final String DAILY = "daily_figures";

    private final MongoCollection<Document> daily;

    MongoDailyFigures(MongoDatabase database) {
        this.daily = database.getCollection(DAILY);
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
            writes.add(new UpdateOneModel<>(newer, update, MongoValues.UPSERT));
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
}
