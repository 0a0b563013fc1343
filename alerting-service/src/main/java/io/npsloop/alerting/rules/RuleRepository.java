package io.npsloop.alerting.rules;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Where rules and their change history live. Writes are guarded by the version they expect. */
public interface RuleRepository {

    List<StoredRule> all();

    @Nullable StoredRule find(String id);

    /** Stores a new rule; false when a rule with that id exists. */
    boolean insert(StoredRule rule);

    /** Replaces a rule if it is still at {@code expectedVersion}; false otherwise. */
    boolean replace(StoredRule rule, long expectedVersion);

    /** Deletes a rule if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);

    /** Records one version in the history; recording the same (rule, version) twice keeps the first. */
    void recordVersion(RuleVersion version);

    /** The history of a rule id, oldest first, including versions from before a deletion. */
    List<RuleVersion> versions(String id);

    boolean defaultsSeeded();

    void markDefaultsSeeded();

    /** A rule as stored: its current version and who changed it last, when. */
    record StoredRule(AlertRule rule, long version, Instant changedAt, String changedBy) {
    }

    /** One change: the version number, what happened, who did it, when, and the rule as it was after it. */
    record RuleVersion(String ruleId, long version, Change change, Instant at, String actor, AlertRule rule) {
    }

    /** The kinds of change a rule goes through. */
    enum Change {
        CREATED, UPDATED, ENABLED, DISABLED, DELETED
    }
}
