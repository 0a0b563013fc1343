package io.npsloop.alerting.rules.mongo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.alerting.rules.RuleRepository.Change;
import io.npsloop.alerting.rules.RuleRepository.RuleVersion;
import io.npsloop.alerting.rules.RuleRepository.StoredRule;
import io.npsloop.contracts.Money;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.alerting.Responses.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MongoRuleRepositoryIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());

    private final MongoRuleRepository repository = new MongoRuleRepository(
            CLIENT.getDatabase("alerting_rules_" + UUID.randomUUID().toString().replace("-", "")),
            new JsonDocuments(JsonMapper.builder().build()));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void rulesRoundTripAndWritesAreGuardedByVersion() {
        List<AlertRule> defaults = DefaultRules.standard("care", "executive", new Money(new BigDecimal("10000.50"), "EUR"),
                Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48),
                List.of(new NotificationTarget("lead", NotificationTarget.Channel.EMAIL, "lead@example.com")));
        AlertRule rule = defaults.get(3);

        assertThat(repository.insert(new StoredRule(rule, 1, T0, "configuration"))).isTrue();
        assertThat(repository.insert(new StoredRule(rule, 1, T0, "configuration"))).isFalse();
        assertThat(repository.find(rule.id()).rule()).isEqualTo(rule);

        assertThat(repository.replace(new StoredRule(rule.withEnabled(false), 2, T0, "alice"), 1)).isTrue();
        assertThat(repository.replace(new StoredRule(rule, 2, T0, "bob"), 1)).isFalse();
        assertThat(repository.find(rule.id()).rule().enabled()).isFalse();
        assertThat(repository.delete(rule.id(), 1)).isFalse();
        assertThat(repository.delete(rule.id(), 2)).isTrue();
        assertThat(repository.all()).isEmpty();
    }

    @Test
    void historyKeepsEachVersionOnceAndSeedingIsRemembered() {
        AlertRule rule = DefaultRules.standard("care", "executive", new Money(BigDecimal.TEN, "EUR"), Duration.ofHours(4),
                Duration.ofHours(24), Duration.ofHours(48), List.of()).get(0);

        repository.recordVersion(new RuleVersion(rule.id(), 1, Change.CREATED, T0, "configuration", rule));
        repository.recordVersion(new RuleVersion(rule.id(), 1, Change.CREATED, T0, "someone-else", rule));
        repository.recordVersion(new RuleVersion(rule.id(), 2, Change.DISABLED, T0, "alice", rule.withEnabled(false)));

        assertThat(repository.versions(rule.id())).extracting(RuleVersion::actor).containsExactly("configuration", "alice");
        assertThat(repository.versions(rule.id()).get(1).rule().enabled()).isFalse();
        assertThat(repository.defaultsSeeded()).isFalse();
        repository.markDefaultsSeeded();
        repository.markDefaultsSeeded();
        assertThat(repository.defaultsSeeded()).isTrue();
    }
}
