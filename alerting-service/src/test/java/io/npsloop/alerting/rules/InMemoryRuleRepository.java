package io.npsloop.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/** Rules in memory, with the same version guards as the MongoDB repository. */
public final class InMemoryRuleRepository implements RuleRepository {

    private final Map<String, StoredRule> rules = new TreeMap<>();
    private final List<RuleVersion> versions = new ArrayList<>();
    private boolean seeded;

    @Override
    public synchronized List<StoredRule> all() {
        return List.copyOf(rules.values());
    }

    @Override
    public synchronized @Nullable StoredRule find(String id) {
        return rules.get(id);
    }

    @Override
    public synchronized boolean insert(StoredRule rule) {
        return rules.putIfAbsent(rule.rule().id(), rule) == null;
    }

    @Override
    public synchronized boolean replace(StoredRule rule, long expectedVersion) {
        StoredRule current = rules.get(rule.rule().id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        rules.put(rule.rule().id(), rule);
        return true;
    }

    @Override
    public synchronized boolean delete(String id, long expectedVersion) {
        StoredRule current = rules.get(id);
        return current != null && current.version() == expectedVersion && rules.remove(id) != null;
    }

    @Override
    public synchronized void recordVersion(RuleVersion version) {
        if (versions.stream().noneMatch(v -> v.ruleId().equals(version.ruleId()) && v.version() == version.version())) {
            versions.add(version);
        }
    }

    @Override
    public synchronized List<RuleVersion> versions(String id) {
        return versions.stream().filter(v -> v.ruleId().equals(id)).toList();
    }

    @Override
    public synchronized boolean defaultsSeeded() {
        return seeded;
    }

    @Override
    public synchronized void markDefaultsSeeded() {
        seeded = true;
    }
}
