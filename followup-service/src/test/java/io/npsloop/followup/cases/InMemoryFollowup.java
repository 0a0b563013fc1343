package io.npsloop.followup.cases;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import io.npsloop.followup.donotcontact.InMemoryDoNotContactList;
import io.npsloop.followup.incentives.AssignmentNumbers;
import io.npsloop.followup.incentives.Experiment;
import io.npsloop.followup.incentives.ExperimentAssignment;
import io.npsloop.followup.incentives.Incentive;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.followup.incentives.KeyedAssignment;
import io.npsloop.followup.rootcauses.RootCause;
import io.npsloop.followup.rootcauses.RootCauseCoding;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.followup.rootcauses.RootCauseTaxonomy;
import io.npsloop.testing.MutableClock;

/**
 * The follow-up domain wired to in-memory ports and a clock the test moves: what the Mongo and
 * Kafka adapters do, minus the wire. Stores copy nothing: cases are immutable records.
 */
final class InMemoryFollowup {

    static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    static final CasePolicy POLICY = new CasePolicy(Duration.ofMinutes(30), 3, "-lead", "executive",
            Duration.ofHours(4), Duration.ofDays(7));
    static final Actor ADA = new Actor("ada", Actor.Role.AGENT, java.util.Set.of("*"));
    static final Actor GRACE = new Actor("grace", Actor.Role.AGENT, java.util.Set.of("*"));
    static final Actor CARE_ONLY = new Actor("bo", Actor.Role.AGENT, java.util.Set.of("customer-care"));
    static final Actor LIN = new Actor("lin", Actor.Role.LEAD, java.util.Set.of("*"));
    static final Actor CARE_LEAD = new Actor("kim", Actor.Role.LEAD, java.util.Set.of("customer-care", "customer-care-*"));

    final MutableClock clock = new MutableClock(START);
    final Cases store = new Cases();
    final List<OutgoingEvent> published = new ArrayList<>();
    final RootCauses rootCauses = new RootCauses();
    final Incentives incentives = new Incentives();
    final Counts metrics = new Counts();
    final Broker broker = new Broker();
    final OutboxRelay relay = new OutboxRelay(store, broker);
    final AssignmentNumbers numbers = new Numbers();
    static final KeyedAssignment ASSIGNMENT = new KeyedAssignment("in-memory-followup-assignment-key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    final RootCauseCoding coding = new RootCauseCoding(rootCauses);
    final ExperimentAssignment experiments = new ExperimentAssignment(incentives, numbers, ASSIGNMENT);
    final InMemoryDoNotContactList doNotContactList = new InMemoryDoNotContactList();
    final DoNotContactRegister doNotContact = new DoNotContactRegister(doNotContactList, clock);
    final CaseWork work = new CaseWork(store, relay, coding, experiments, doNotContact, POLICY, metrics, clock);
    final SlaWatch sla = new SlaWatch(store, work, POLICY, metrics, clock, doNotContact);

    InMemoryFollowup() {
        RootCauseTaxonomy.seed(rootCauses);
        incentives.createIncentive(new Incentive("free-month", "FREE_MONTH", "One month free",
                new Money(new BigDecimal("29.00"), "EUR")));
        incentives.createExperiment(new Experiment("delivery-incentives", "delivery", List.of("control", "free-month")));
    }

    CaseOpening opening(AdvocacyRule rule) {
        return new CaseOpening(store, relay, POLICY, rule, doNotContact, metrics, clock);
    }

    LoopClosure closure(AdvocacyRule rule) {
        return new LoopClosure(store, relay, opening(rule), metrics, clock);
    }

    FollowupCase open(Severity severity, String queue, Duration sla) {
        return opening(new AdvocacyRule(true, 9, Map.of(), "advocacy")).open(alert(severity, queue, sla));
    }

    DetractorAlertRaised alert(Severity severity, String queue, Duration sla) {
        String alertId = "al-" + java.util.UUID.randomUUID();
        Instant answered = clock.instant().minusSeconds(60);
        return new DetractorAlertRaised("ev-" + alertId, EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, answered, alertId, "r-" + alertId, "c-" + alertId, "a-1", null, 2,
                Category.DETRACTOR, "Late again", "email", "delivery", Map.of(), new Money(new BigDecimal("5000"), "EUR"),
                severity, queue, List.of("detractor"), answered, clock.instant().plus(sla));
    }

    static ResponseScored answer(String customerId, int score, Map<String, String> attributes, Instant at) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored("ev-" + java.util.UUID.randomUUID(), EventTypes.RESPONSE_SCORED,
                ResponseScored.SCHEMA_VERSION, at, "webshop", "r-" + java.util.UUID.randomUUID(), 1, null, customerId,
                "a-1", null, score, category, null, null, null, "text", "email", "delivery", attributes, null);
    }

    List<String> eventTypes(String caseId) {
        return published.stream().filter(e -> caseIdOf(e).equals(caseId)).map(OutgoingEvent::eventType).toList();
    }

    List<OutgoingEvent> events(String caseId, String type) {
        return published.stream().filter(e -> caseIdOf(e).equals(caseId) && e.eventType().equals(type)).toList();
    }

    private static String caseIdOf(OutgoingEvent e) {
        try {
            return String.valueOf(e.payload().getClass().getMethod("caseId").invoke(e.payload()));
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }


    /** Keeps what is published; counts the sends; fails while down, as in a broker outage. */
    final class Broker implements CaseEvents {

        boolean down;
        int sends;

        @Override
        public void publish(OutgoingEvent event) {
            publishAll(List.of(event));
        }

        @Override
        public void publishAll(List<OutgoingEvent> events) {
            if (down) {
                throw new IllegalStateException("The broker is down");
            }
            sends++;
            published.addAll(events);
        }
    }

    /** Cases with their outboxes, guarded by version like the Mongo store. */
    static final class Cases implements CaseStore {

        final Map<String, FollowupCase> cases = new LinkedHashMap<>();
        final Map<String, List<OutgoingEvent>> outboxes = new HashMap<>();

        /** Calls of each method, to show what a batch costs in round trips. */
        final Map<String, Integer> calls = new HashMap<>();
        /** Runs before each bulk write of changes: what an agent does between a batch's read and its write. */
        Runnable beforeApplyAll = () -> {
        };

        @Override
        public synchronized Set<String> insertAll(List<NewCase> newCases) {
            calls.merge("insertAll", 1, Integer::sum);
            Set<String> stored = new LinkedHashSet<>();
            for (NewCase c : newCases) {
                if (!cases.containsKey(c.followupCase().caseId())) {
                    cases.put(c.followupCase().caseId(), c.followupCase());
                    outboxes.put(c.followupCase().caseId(), new ArrayList<>(c.events()));
                    stored.add(c.followupCase().caseId());
                }
            }
            return stored;
        }

        @Override
        public synchronized boolean apply(CaseChange change) {
            FollowupCase current = cases.get(change.before().caseId());
            if (current == null || current.version() != change.before().version()) {
                return false;
            }
            cases.put(current.caseId(), change.after());
            outboxes.get(current.caseId()).addAll(change.events());
            return true;
        }

        @Override
        public Set<String> applyAll(List<CaseChange> changes) {
            beforeApplyAll.run();
            synchronized (this) {
                calls.merge("applyAll", 1, Integer::sum);
                Set<String> applied = new LinkedHashSet<>();
                for (CaseChange change : changes) {
                    if (apply(change)) {
                        applied.add(change.before().caseId());
                    }
                }
                return applied;
            }
        }

        @Override
        public synchronized FollowupCase find(String caseId) {
            return cases.get(caseId);
        }

        @Override
        public synchronized Map<String, Stored> findAll(Collection<String> caseIds) {
            calls.merge("findAll", 1, Integer::sum);
            Map<String, Stored> found = new HashMap<>();
            for (String caseId : caseIds) {
                if (cases.containsKey(caseId)) {
                    found.put(caseId, new Stored(cases.get(caseId), outboxes.get(caseId)));
                }
            }
            return found;
        }

        @Override
        public synchronized Map<String, List<Stored>> ofCustomers(Collection<String> customerIds) {
            calls.merge("ofCustomers", 1, Integer::sum);
            Map<String, List<Stored>> found = new LinkedHashMap<>();
            for (FollowupCase c : cases.values()) {
                if (customerIds.contains(c.customerId())) {
                    found.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(new Stored(c, outboxes.get(c.caseId())));
                }
            }
            return found;
        }

        @Override
        public synchronized List<FollowupCase> list(String queue, CaseState state) {
            return cases.values().stream().filter(c -> queue == null || c.queue().equals(queue))
                    .filter(c -> state == null || c.state() == state).toList();
        }

        @Override
        public synchronized List<FollowupCase> overdue(Instant now) {
            return cases.values().stream().filter(c -> CaseTransitions.isActive(c.state()))
                    .filter(c -> c.slaDueAt().isBefore(now)).toList();
        }

        @Override
        public synchronized List<FollowupCase> ofCustomer(String customerId) {
            return cases.values().stream().filter(c -> c.customerId().equals(customerId)).toList();
        }

        @Override
        public synchronized List<FollowupCase> codedOther() {
            return cases.values().stream().filter(c -> c.rootCauses().contains(RootCause.OTHER) && c.otherRootCause() != null)
                    .toList();
        }

        @Override
        public synchronized Map<String, Long> activeCountsByQueue() {
            Map<String, Long> counts = new HashMap<>();
            cases.values().stream().filter(c -> CaseTransitions.isActive(c.state()))
                    .forEach(c -> counts.merge(c.queue(), 1L, Long::sum));
            return counts;
        }

        @Override
        public synchronized List<OutgoingEvent> pending(String caseId) {
            return List.copyOf(outboxes.getOrDefault(caseId, List.of()));
        }

        @Override
        public synchronized void acknowledge(String caseId, String eventId) {
            outboxes.get(caseId).removeIf(e -> e.eventId().equals(eventId));
        }

        @Override
        public synchronized void acknowledgeAll(Map<String, List<String>> eventIdsByCase) {
            calls.merge("acknowledgeAll", 1, Integer::sum);
            eventIdsByCase.forEach((caseId, eventIds) -> outboxes.get(caseId).removeIf(e -> eventIds.contains(e.eventId())));
        }

        @Override
        public synchronized List<String> withPendingEvents(Instant before) {
            return outboxes.entrySet().stream().filter(e -> !e.getValue().isEmpty()
                    && e.getValue().get(0).occurredAt().isBefore(before)).map(Map.Entry::getKey).toList();
        }
    }

    static final class RootCauses implements RootCauseStore {

        final Map<String, RootCause> all = new LinkedHashMap<>();

        @Override
        public List<RootCause> all() {
            return List.copyOf(all.values());
        }

        @Override
        public Optional<RootCause> find(String id) {
            return Optional.ofNullable(all.get(id));
        }

        @Override
        public boolean create(RootCause rootCause) {
            return all.putIfAbsent(rootCause.id(), rootCause) == null;
        }

        @Override
        public boolean rename(String id, String name) {
            return all.computeIfPresent(id, (k, r) -> new RootCause(id, name, r.active())) != null;
        }

        @Override
        public boolean deactivate(String id) {
            return all.computeIfPresent(id, (k, r) -> new RootCause(id, r.name(), false)) != null;
        }
    }

    static final class Incentives implements IncentiveStore {

        final Map<String, Incentive> incentives = new LinkedHashMap<>();
        final Map<String, Experiment> experiments = new LinkedHashMap<>();

        @Override
        public List<Incentive> incentives() {
            return List.copyOf(incentives.values());
        }

        @Override
        public Optional<Incentive> incentive(String id) {
            return Optional.ofNullable(incentives.get(id));
        }

        @Override
        public boolean createIncentive(Incentive incentive) {
            return incentives.putIfAbsent(incentive.id(), incentive) == null;
        }

        @Override
        public boolean updateIncentive(Incentive incentive) {
            return incentives.replace(incentive.id(), incentive) != null;
        }

        @Override
        public List<Experiment> experiments() {
            return List.copyOf(experiments.values());
        }

        @Override
        public ExperimentCreation createExperiment(Experiment experiment) {
            if (experiments.containsKey(experiment.id())) {
                return ExperimentCreation.ID_TAKEN;
            }
            if (experiments.values().stream().anyMatch(e -> e.rootCause().equals(experiment.rootCause()))) {
                return ExperimentCreation.ROOT_CAUSE_TAKEN;
            }
            experiments.put(experiment.id(), experiment);
            return ExperimentCreation.CREATED;
        }
    }

    static final class Numbers implements AssignmentNumbers {

        private final Map<String, Long> assigned = new HashMap<>();
        private final Map<String, Long> next = new HashMap<>();

        @Override
        public synchronized long numberFor(String experimentId, String caseId) {
            return assigned.computeIfAbsent(experimentId + "|" + caseId,
                    key -> next.merge(experimentId, 1L, Long::sum) - 1);
        }
    }

    /** Counts what the Micrometer adapter would count. */
    static final class Counts implements CaseMetrics {

        final Map<String, Integer> counted = new HashMap<>();

        @Override
        public void opened(CaseKind kind, String queue) {
            counted.merge("opened:" + kind + ":" + queue, 1, Integer::sum);
        }

        @Override
        public void escalated(String level) {
            counted.merge("escalated:" + level, 1, Integer::sum);
        }

        @Override
        public void transition(String action) {
            counted.merge("transition:" + action, 1, Integer::sum);
        }
    }
}
