package io.npsloop.alerting.rules;

import java.util.List;

/**
 * The rules in force, cached in memory so evaluating a response reads no database. Refreshed
 * after every change made through this instance and periodically, so a change made through
 * another instance takes effect here within the refresh interval, without a restart.
 */
public class RuleCatalog {

    private final RuleRepository repository;
    private volatile List<AlertRule> rules = List.of();

    public RuleCatalog(RuleRepository repository) {
        this.repository = repository;
    }

    public List<AlertRule> current() {
        return rules;
    }

    public void refresh() {
        rules = repository.all().stream().map(RuleRepository.StoredRule::rule).toList();
    }
}
