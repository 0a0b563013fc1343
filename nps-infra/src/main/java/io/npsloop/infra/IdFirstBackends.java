package io.npsloop.infra;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * The wire-compatible store's backends, with one change to how a query finds its documents: a
 * query that pins {@code _id} (to a value, or to {@code $in} values) next to other conditions, such
 * as the guarded single-document updates every service makes ({@code {_id: x, version: {$lt: 7}}},
 * or {@code {$and: [{_id: x}, ...]}} as the driver writes it), is answered from the {@code _id}
 * index and the whole query is then matched on those documents only. The library uses an index
 * only for a query on exactly the index's keys, so it scanned the whole collection for every such
 * update, which made each write cost time in proportion to the collection. What a query matches is
 * unchanged: only the documents with the pinned ids can match it, and each is still held to the
 * whole query.
 */
final class IdFirstBackends {

    private static final String ID = "_id";

    private IdFirstBackends() {
    }

    /** The part of the query that pins {@code _id}, as a query of its own, or null if it does not. */
    static @Nullable Document idPart(Document query) {
        if (query.size() > 1 && pinsId(query.get(ID))) {
            return new Document(ID, query.get(ID));
        }
        if (query.size() == 1 && query.get("$and") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Document document) {
                    Document pinned = document.size() == 1 ? (pinsId(document.get(ID)) ? document : null) : idPart(document);
                    if (pinned != null) {
                        return new Document(ID, pinned.get(ID));
                    }
                }
            }
        }
        return null;
    }

    /** A plain value, or {@code {$in: [...]}} alone. */
    private static boolean pinsId(@Nullable Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Document condition) {
            return condition.size() == 1 && condition.get("$in") instanceof List<?>;
        }
        return !(value instanceof List<?>);
    }

    /** The positions of the documents the query can match, from the index that answers its {@code _id} part; null if none does. */
    static <P> @Nullable Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        Document idPart = idPart(query);
        if (idPart == null) {
            return null;
        }
        for (Index<P> index : indexes) {
            if (index.canHandle(idPart)) {
                return index.getPositions(idPart);
            }
        }
        return null;
    }

    static final class Memory extends MemoryBackend {

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                Document fieldSelector) {
                            Iterable<Integer> positions = candidates(getIndexes(), query);
                            return positions == null ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                                    : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                        }
                    };
                }
            };
        }
    }

    static final class OnDisk extends H2Backend {

        /** The names the H2 backend stores a collection's documents and metadata under, as it opens them itself. */
        private static final String DATABASES_PREFIX = "databases.";
        private static final String META_PREFIX = "meta.";

        OnDisk(String fileName) {
            super(MVStore.open(fileName));
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            MVStore store = getMvStore();
            return new H2Database(databaseName, store, getCursorRegistry()) {
                @Override
                protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                    String fullName = getFullCollectionNamespace(collectionName);
                    MVMap<Object, Document> data = store.openMap(DATABASES_PREFIX + fullName);
                    MVMap<String, Object> meta = store.openMap(META_PREFIX + fullName);
                    return new IdFirstH2Collection(this, collectionName, options, data, meta, cursorRegistry);
                }
            };
        }
    }

    private static final class IdFirstH2Collection extends H2Collection {

        IdFirstH2Collection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            Iterable<Object> positions = candidates(getIndexes(), query);
            return positions == null ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
