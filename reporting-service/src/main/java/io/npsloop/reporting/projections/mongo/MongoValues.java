package io.npsloop.reporting.projections.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.client.model.UpdateOptions;
import io.npsloop.contracts.Money;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** The BSON forms the projections share. Money is stored as a decimal string with its currency, never as a double. */
final class MongoValues {

    static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private MongoValues() {
    }

    static @Nullable Document money(@Nullable Money money) {
        return money == null ? null : new Document("amount", money.amount().toPlainString()).append("currency", money.currency());
    }

    static @Nullable Money money(@Nullable Document doc) {
        return doc == null ? null : new Money(new BigDecimal(doc.getString("amount")), doc.getString("currency"));
    }

    static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    static Document strings(Map<String, String> map) {
        return new Document(new LinkedHashMap<>(map));
    }

    static Map<String, String> strings(@Nullable Document doc) {
        Map<String, String> map = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> map.put(k, String.valueOf(v)));
        }
        return map;
    }
}
