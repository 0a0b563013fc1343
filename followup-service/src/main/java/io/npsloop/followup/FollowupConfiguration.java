package io.npsloop.followup;

import java.time.Clock;

import io.npsloop.contracts.Money;
import io.npsloop.followup.cases.AdvocacyRule;
import io.npsloop.followup.cases.CaseEvents;
import io.npsloop.followup.cases.CaseMetrics;
import io.npsloop.followup.cases.CaseOpening;
import io.npsloop.followup.cases.CasePolicy;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.CaseWork;
import io.npsloop.followup.cases.LoopClosure;
import io.npsloop.followup.cases.OutboxRelay;
import io.npsloop.followup.cases.SlaWatch;
import io.npsloop.followup.donotcontact.DoNotContactList;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import io.npsloop.followup.incentives.AssignmentNumbers;
import io.npsloop.followup.incentives.KeyedAssignment;
import io.npsloop.followup.incentives.Experiment;
import io.npsloop.followup.incentives.ExperimentAssignment;
import io.npsloop.followup.incentives.Incentive;
import io.npsloop.followup.incentives.IncentiveCatalogue;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.followup.rootcauses.RootCauseCoding;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.followup.rootcauses.RootCauseTaxonomy;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the plain-Java domain to its adapters and settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FollowupConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CasePolicy casePolicy(FollowupProperties properties) {
        return new CasePolicy(properties.claimTimeout(), properties.maxFailedAttempts(), properties.leadQueueSuffix(),
                properties.executiveQueue(), properties.escalationSla(), properties.advocacy().sla());
    }

    /** The configured catalogue: only the seed of the store, checked at start-up (an arm naming no incentive fails it). */
    @Bean
    IncentiveCatalogue configuredIncentives(FollowupProperties properties) {
        return new IncentiveCatalogue(
                properties.incentives().stream().map(i -> new Incentive(i.id(), i.type(), i.description(),
                        new Money(i.cost(), i.currency()))).toList(),
                properties.experiments().stream().map(e -> new Experiment(e.id(), e.rootCause(), e.arms())).toList());
    }

    @Bean
    OutboxRelay outboxRelay(CaseStore store, CaseEvents events) {
        return new OutboxRelay(store, events);
    }

    @Bean
    DoNotContactRegister doNotContactRegister(DoNotContactList list, Clock clock) {
        return new DoNotContactRegister(list, clock);
    }

    @Bean
    CaseOpening caseOpening(CaseStore store, OutboxRelay relay, CasePolicy policy, FollowupProperties properties,
            DoNotContactRegister doNotContact, CaseMetrics metrics, Clock clock) {
        FollowupProperties.Advocacy advocacy = properties.advocacy();
        return new CaseOpening(store, relay, policy, new AdvocacyRule(advocacy.enabled(), advocacy.minScore(),
                advocacy.attributes(), advocacy.queue()), doNotContact, metrics, clock);
    }

    @Bean
    CaseWork caseWork(CaseStore store, OutboxRelay relay, RootCauseStore rootCauses, IncentiveStore incentives,
            AssignmentNumbers numbers, DoNotContactRegister doNotContact, CasePolicy policy, CaseMetrics metrics,
            Clock clock, FollowupProperties properties) {
        return new CaseWork(store, relay, new RootCauseCoding(rootCauses), new ExperimentAssignment(incentives, numbers,
                KeyedAssignment.ofSecret(properties.assignmentSecret())), doNotContact, policy, metrics, clock);
    }

    @Bean
    LoopClosure loopClosure(CaseStore store, OutboxRelay relay, CaseOpening opening, CaseMetrics metrics, Clock clock) {
        return new LoopClosure(store, relay, opening, metrics, clock);
    }

    @Bean
    SlaWatch slaWatch(CaseStore store, CaseWork work, CasePolicy policy, CaseMetrics metrics, Clock clock,
            DoNotContactRegister doNotContact) {
        return new SlaWatch(store, work, policy, metrics, clock, doNotContact);
    }

    /** Seeds the root-cause taxonomy at start-up; idempotent, so every instance may do it. */
    @Bean
    ApplicationRunner seedRootCauses(RootCauseStore rootCauses) {
        return args -> RootCauseTaxonomy.seed(rootCauses);
    }

    /** Seeds incentives and experiments from the configuration; idempotent, and leaves admins' changes alone. */
    @Bean
    ApplicationRunner seedIncentives(IncentiveCatalogue configuredIncentives, IncentiveStore incentives) {
        return args -> configuredIncentives.seed(incentives);
    }
}
