package io.npsloop.infra;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory store with each document kept as its BSON bytes, as MongoDB keeps it, rather than
 * as a tree of Java maps: a few hundred bytes per document instead of a few kilobytes, which is
 * what lets a run of a million responses through five services' databases fit in memory. A read
 * decodes the bytes into a fresh document, an update stores the updated document encoded again
 * (the library hands it over in {@code handleUpdate}, as it does to its on-disk backend), and the
 * size the store reports ({@code collStats}) is the bytes held. Queries that pin {@code _id} are
 * answered from the {@code _id} index, as in {@link IdFirstBackends}.
 */
final class BsonMemoryBackend extends AbstractMongoBackend {

    /** Not the library's memory database: its collections are {@link BsonCollection}s. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonDatabase(databaseName, getCursorRegistry());
    }

    static final class BsonDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

        BsonDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
            initializeNamespacesAndIndexes();
        }

        @Override
        protected BsonCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new BsonCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new MemoryUniqueIndex(indexName, keys, sparse);
        }

        @Override
        protected long getStorageSize() {
            return 0;
        }

        @Override
        protected long getFileSize() {
            return 0;
        }
    }

    /** A collection of BSON-encoded documents, addressed by position; a removed document leaves its position free for the next insert. */
    static final class BsonCollection extends AbstractSynchronizedMongoCollection<Integer> {

        private final List<byte @Nullable []> documents = new ArrayList<>();
        private final Queue<Integer> free = new ArrayDeque<>();
        private long bytes;

        BsonCollection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
        }

        static byte[] encode(Document document) {
            ByteBuf buffer = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(document, buffer);
                byte[] encoded = new byte[buffer.readableBytes()];
                buffer.readBytes(encoded);
                return encoded;
            } finally {
                buffer.release();
            }
        }

        static Document decode(byte[] encoded) {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(encoded));
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            byte[] encoded = encode(document);
            bytes += encoded.length;
            Integer position = free.poll();
            if (position == null) {
                documents.add(encoded);
                return documents.size() - 1;
            }
            documents.set(position, encoded);
            return position;
        }

        @Override
        protected Document getDocument(Integer position) {
            byte[] encoded = documents.get(position);
            if (encoded == null) {
                throw new IllegalStateException("No document at position " + position + " of " + getFullName());
            }
            return decode(encoded);
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            byte[] encoded = encode(newDocument);
            byte[] previous = documents.set(position, encoded);
            bytes += encoded.length - (previous == null ? 0 : previous.length);
        }

        @Override
        protected void removeDocument(Integer position) {
            byte[] previous = documents.set(position, null);
            if (previous != null) {
                bytes -= previous.length;
                free.add(position);
            }
        }

        @Override
        protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
            return positions(false).mapToObj(position -> new DocumentWithPosition<>(getDocument(position), position));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            Stream<Document> all = positions(isNaturalDescending(orderBy)).mapToObj(this::getDocument);
            return matchDocumentsFromStream(all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            Iterable<Integer> positions = IdFirstBackends.candidates(getIndexes(), query);
            return positions == null ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        private IntStream positions(boolean descending) {
            int size = documents.size();
            IntStream positions = descending ? IntStream.range(0, size).map(i -> size - 1 - i) : IntStream.range(0, size);
            return positions.filter(position -> documents.get(position) != null);
        }

        @Override
        public synchronized int count() {
            return documents.size() - free.size();
        }

        @Override
        public synchronized boolean isEmpty() {
            return count() == 0;
        }

        // The bytes held are the size; the library need not encode every document again to learn it.
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
        }

        @Override
        protected int getDataSize() {
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }
}
