package io.npsloop.alerting.rules.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.RuleRepository;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rules in MongoDB: {@code rules} holds one document per rule id with its current version (each
 * write is guarded by the version it replaces), {@code rule_versions} one document per
 * (rule, version) with who changed it, when, and the rule as it then was. The rule itself is kept
 * in the JSON form the admin API speaks, so what an operator posted is what the history shows.
 */
@Component
class MongoRuleRepository implements RuleRepository {

    static final String RULES = "rules";
    static final String RULE_VERSIONS = "rule_versions";
    static final String SETTINGS = "alerting_settings";
    private static final String DEFAULTS_SEEDED = "default-rules-seeded";

    private final MongoCollection<Document> rules;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> settings;
    private final JsonDocuments json;

    MongoRuleRepository(MongoDatabase database, JsonDocuments json) {
        this.rules = database.getCollection(RULES);
        this.versions = database.getCollection(RULE_VERSIONS);
        this.settings = database.getCollection(SETTINGS);
        this.json = json;
    }

    @Override
    public List<StoredRule> all() {
        List<StoredRule> result = new ArrayList<>();
        for (Document doc : rules.find().sort(Sorts.ascending("_id"))) {
            result.add(toStored(doc));
        }
        return result;
    }

    @Override
    public @Nullable StoredRule find(String id) {
        Document doc = rules.find(Filters.eq("_id", id)).first();
        return doc == null ? null : toStored(doc);
    }

    @Override
    public boolean insert(StoredRule rule) {
        try {
            rules.insertOne(toDocument(rule));
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean replace(StoredRule rule, long expectedVersion) {
        return rules.replaceOne(Filters.and(Filters.eq("_id", rule.rule().id()), Filters.eq("version", expectedVersion)),
                toDocument(rule)).getModifiedCount() == 1;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return rules.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", expectedVersion)))
                .getDeletedCount() == 1;
    }

    @Override
    public void recordVersion(RuleVersion version) {
        try {
            versions.insertOne(new Document("_id", version.ruleId() + "#" + version.version())
                    .append("ruleId", version.ruleId())
                    .append("version", version.version())
                    .append("change", version.change().name())
                    .append("at", Date.from(version.at()))
                    .append("actor", version.actor())
                    .append("rule", json.toDocument(version.rule())));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    @Override
    public List<RuleVersion> versions(String id) {
        List<RuleVersion> result = new ArrayList<>();
        for (Document doc : versions.find(Filters.eq("ruleId", id)).sort(Sorts.ascending("version"))) {
            result.add(new RuleVersion(doc.getString("ruleId"), ((Number) doc.get("version")).longValue(),
                    Change.valueOf(doc.getString("change")), doc.getDate("at").toInstant(), doc.getString("actor"),
                    json.fromDocument(doc.get("rule", Document.class), AlertRule.class)));
        }
        return result;
    }

    @Override
    public boolean defaultsSeeded() {
        return settings.find(Filters.eq("_id", DEFAULTS_SEEDED)).first() != null;
    }

    @Override
    public void markDefaultsSeeded() {
        try {
            settings.insertOne(new Document("_id", DEFAULTS_SEEDED).append("at", new Date()));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private Document toDocument(StoredRule rule) {
        return new Document("_id", rule.rule().id())
                .append("version", rule.version())
                .append("enabled", rule.rule().enabled())
                .append("changedAt", Date.from(rule.changedAt()))
                .append("changedBy", rule.changedBy())
                .append("rule", json.toDocument(rule.rule()));
    }

    private StoredRule toStored(Document doc) {
        return new StoredRule(json.fromDocument(doc.get("rule", Document.class), AlertRule.class),
                ((Number) doc.get("version")).longValue(), doc.getDate("changedAt").toInstant(), doc.getString("changedBy"));
    }
}
