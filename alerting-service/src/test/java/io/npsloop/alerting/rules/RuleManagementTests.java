package io.npsloop.alerting.rules;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.alerting.Responses.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleManagementTests {

    private static final List<AlertRule> DEFAULTS = DefaultRules.standard("care", "executive",
            new Money(new BigDecimal("10000"), "EUR"), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48), List.of());

    private final InMemoryRuleRepository repository = new InMemoryRuleRepository();
    private final RuleCatalog catalog = new RuleCatalog(repository);
    private final RuleManagement management = new RuleManagement(repository, catalog,
            new RuleValidation(new OutboundUrlPolicy(List.of(), false)::problem), Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void defaultsAreSeededOnceAndADeletedDefaultStaysDeleted() {
        management.seedDefaults(DEFAULTS);
        management.delete(DefaultRules.DETRACTOR, "ops-lead", null);

        management.seedDefaults(DEFAULTS);

        assertThat(catalog.current()).extracting(AlertRule::id).doesNotContain(DefaultRules.DETRACTOR).hasSize(3);
    }

    @Test
    void everyChangeIsVersionedWithWhoAndWhen() {
        management.seedDefaults(DEFAULTS);
        AlertRule rule = rule("vip", Severity.HIGH);

        management.create(rule, "alice");
        management.update("vip", rule("vip", Severity.CRITICAL), "bob", 1L);
        management.setEnabled("vip", false, "carol");
        management.delete("vip", "dave", null);
        management.create(rule, "erin");

        assertThat(management.versions("vip")).extracting(v -> v.version() + " " + v.change() + " " + v.actor())
                .containsExactly("1 CREATED alice", "2 UPDATED bob", "3 DISABLED carol", "4 DELETED dave", "5 CREATED erin");
        assertThat(management.versions("vip").get(1).rule().then().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(management.versions("vip").get(0).at()).isEqualTo(T0);
    }

    @Test
    void changesReachTheCatalogAtOnce() {
        management.create(rule("vip", Severity.HIGH), "alice");
        assertThat(catalog.current()).extracting(AlertRule::id).containsExactly("vip");

        management.setEnabled("vip", false, "alice");
        assertThat(catalog.current().get(0).enabled()).isFalse();
    }

    @Test
    void staleVersionIsRefusedAndNothingChanges() {
        management.create(rule("vip", Severity.HIGH), "alice");
        management.update("vip", rule("vip", Severity.NORMAL), "bob", 1L);

        assertThatThrownBy(() -> management.update("vip", rule("vip", Severity.CRITICAL), "carol", 1L))
                .isInstanceOf(RuleManagement.RuleConflictException.class);
        assertThat(management.get("vip").rule().then().severity()).isEqualTo(Severity.NORMAL);
    }

    @Test
    void invalidRuleIsRefusedWhole() {
        assertThatThrownBy(() -> management.create(new AlertRule("vip", "", true, RuleConditions.scoreBetween(9, 2),
                new RuleActions(Severity.HIGH, "care", null, Duration.ofHours(1), null)), "alice"))
                .isInstanceOf(RuleManagement.RuleProblemsException.class);
        assertThat(repository.all()).isEmpty();
        assertThat(repository.versions("vip")).isEmpty();
    }

    private static AlertRule rule(String id, Severity severity) {
        return new AlertRule(id, "", true, RuleConditions.scoreBetween(0, 6),
                new RuleActions(severity, "vip-care", null, Duration.ofHours(2), null));
    }
}
