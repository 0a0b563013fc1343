package io.npsloop.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

/**
 * Random streams for the tests that compare batch writes with one-at-a-time writes: several
 * sequences (one per case) interleaved as partitions interleave them, cut into batches of random
 * sizes, and a collection read back in {@code _id} order to compare the two results.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** The sequences merged into one stream, each keeping its own order; the sequences are emptied. */
    public static <T> List<T> interleave(List<List<T>> sequences, Random rnd) {
        List<T> stream = new ArrayList<>();
        while (sequences.stream().anyMatch(events -> !events.isEmpty())) {
            List<T> next = sequences.get(rnd.nextInt(sequences.size()));
            if (!next.isEmpty()) {
                stream.add(next.remove(0));
            }
        }
        return stream;
    }

    /** The records cut into consecutive batches of 1 to 15. */
    public static <T> List<List<T>> batches(List<T> records, Random rnd) {
        List<List<T>> batches = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int to = Math.min(records.size(), from + 1 + rnd.nextInt(15));
            batches.add(records.subList(from, to));
            from = to;
        }
        return batches;
    }

    /** Every document of the collection, in {@code _id} order. */
    public static List<Document> documents(MongoDatabase database, String collection) {
        return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
