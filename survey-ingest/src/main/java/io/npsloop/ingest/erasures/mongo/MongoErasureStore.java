package io.npsloop.ingest.erasures.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.contracts.CustomerErased;
import io.npsloop.ingest.erasures.Erasure;
import io.npsloop.ingest.erasures.ErasureStore;
import io.npsloop.platform.privacy.ErasureReceipts;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** One document per erasure; each service's receipt is added once, under the service's name. */
@Component
public class MongoErasureStore implements ErasureStore, ErasureReceipts {

    static final String COLLECTION = "erasures";

    private final MongoCollection<Document> erasures;

    MongoErasureStore(MongoDatabase database) {
        this.erasures = database.getCollection(COLLECTION);
    }

    @Override
    public void create(Erasure erasure) {
        erasures.insertOne(new Document("_id", erasure.erasureId())
                .append("customerId", erasure.customerId())
                .append("requestedBy", erasure.requestedBy())
                .append("requestedAt", Date.from(erasure.requestedAt()))
                .append("reason", erasure.reason())
                .append("receipts", new Document()));
    }

    @Override
    public @Nullable Erasure find(String erasureId) {
        Document document = erasures.find(Filters.eq("_id", erasureId)).first();
        return document == null ? null : erasure(document);
    }

    @Override
    public List<Erasure> latest(int limit) {
        List<Erasure> latest = new ArrayList<>();
        erasures.find().sort(Sorts.descending("requestedAt")).limit(limit).forEach(document -> latest.add(erasure(document)));
        return latest;
    }

    @Override
    public void addReceipt(String erasureId, Erasure.Receipt receipt) {
        String field = "receipts." + receipt.service();
        erasures.updateOne(Filters.and(Filters.eq("_id", erasureId), Filters.exists(field, false)),
                Updates.set(field, new Document("erasedAt", Date.from(receipt.erasedAt())).append("erased", new Document(receipt.erased()))));
    }

    @Override
    public void received(CustomerErased receipt) {
        addReceipt(receipt.erasureId(), new Erasure.Receipt(receipt.service(), receipt.occurredAt(),
                receipt.erased() == null ? Map.of() : receipt.erased()));
    }

    private static Erasure erasure(Document document) {
        List<Erasure.Receipt> receipts = new ArrayList<>();
        Document byService = document.get("receipts", Document.class);
        if (byService != null) {
            byService.forEach((service, value) -> {
                Document receipt = (Document) value;
                Map<String, Long> erased = new LinkedHashMap<>();
                receipt.get("erased", Document.class).forEach((store, n) -> erased.put(store, ((Number) n).longValue()));
                receipts.add(new Erasure.Receipt(service, receipt.getDate("erasedAt").toInstant(), erased));
            });
        }
        return new Erasure(document.getString("_id"), document.getString("customerId"), document.getString("requestedBy"),
                document.getDate("requestedAt").toInstant(), document.getString("reason"), receipts);
    }
}
