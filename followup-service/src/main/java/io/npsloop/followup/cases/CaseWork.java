package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import io.npsloop.followup.incentives.ExperimentAssignment;
import io.npsloop.followup.rootcauses.RootCauseCoding;
import org.jspecify.annotations.Nullable;

/**
 * What agents and team leads do to cases. Each command reads the case, decides with the state
 * machine, the claim rules here and the rules of the feature it concerns ({@link RootCauseCoding},
 * {@link ExperimentAssignment}), and stores the new case, its audit entry and its events as one write
 * guarded by the version it read; a concurrent change makes the write miss and the command answer
 * 409, so two agents can never both claim a case, nor a lead's hand-over overwrite a change it did
 * not see. The events are then relayed from the case's outbox.
 */
public class CaseWork {

    /** The start of the reason of a transfer's status event and audit entry. */
    private static final String TRANSFERRED = "transferred";

    private final CaseStore store;
    private final OutboxRelay relay;
    private final RootCauseCoding rootCauses;
    private final ExperimentAssignment experiments;
    private final DoNotContactRegister doNotContact;
    private final CasePolicy policy;
    private final CaseMetrics metrics;
    private final Clock clock;

    public CaseWork(CaseStore store, OutboxRelay relay, RootCauseCoding rootCauses, ExperimentAssignment experiments,
            DoNotContactRegister doNotContact, CasePolicy policy, CaseMetrics metrics, Clock clock) {
        this.store = store;
        this.relay = relay;
        this.rootCauses = rootCauses;
        this.experiments = experiments;
        this.doNotContact = doNotContact;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    public FollowupCase find(String caseId) {
        FollowupCase found = store.find(caseId);
        if (found == null) {
            throw new CaseNotFoundException(caseId);
        }
        return found;
    }

    /** A case the actor may see: another queue's case is not found, so its existence is not revealed. */
    public FollowupCase find(Actor actor, String caseId) {
        FollowupCase found = find(caseId);
        requireQueue(actor, found);
        return found;
    }

    /** The work queue: the cases of a queue (or of every queue) the actor works, in {@link WorkQueueOrder}. */
    public List<FollowupCase> queue(Actor actor, @Nullable String queue, @Nullable CaseState state, int limit) {
        List<FollowupCase> cases = new ArrayList<>(store.list(queue, state));
        cases.removeIf(c -> !actor.works(c.queue()));
        cases.sort(WorkQueueOrder.at(clock.instant()));
        return cases.subList(0, Math.min(limit, cases.size()));
    }

    /**
     * The customer's answers the service knows of, oldest first: the answer of each of their cases
     * and the next answer recorded on it, each answer once. Scores and times only: which queues the
     * customer's other cases sit in is not revealed.
     */
    public List<ScoredAnswer> scoreHistory(Actor actor, String caseId) {
        FollowupCase current = find(actor, caseId);
        Map<String, ScoredAnswer> answers = new LinkedHashMap<>();
        for (FollowupCase c : store.ofCustomer(current.customerId())) {
            answers.putIfAbsent(c.responseId(), new ScoredAnswer(c.responseId(), c.score(), c.answeredAt()));
            if (c.answer() != null) {
                answers.putIfAbsent(c.answer().responseId(),
                        new ScoredAnswer(c.answer().responseId(), c.answer().score(), c.answer().answeredAt()));
            }
        }
        List<ScoredAnswer> history = new ArrayList<>(answers.values());
        history.sort(Comparator.comparing(ScoredAnswer::answeredAt).thenComparing(ScoredAnswer::responseId));
        return history;
    }

    /**
     * The people who have held or worked cases of the lead's queues (claims, assignments, contact
     * attempts), sorted: whom a lead can assign to. The service keeps no directory of people, so
     * this is who the cases name; a new agent appears once they have claimed a case.
     */
    public List<String> knownAgents(Actor actor) {
        requireLead(actor, "list the agents of their queues");
        Set<String> names = new TreeSet<>();
        for (FollowupCase c : store.list(null, null)) {
            if (!actor.works(c.queue())) {
                continue;
            }
            if (c.claimedBy() != null) {
                names.add(c.claimedBy());
            }
            c.attempts().forEach(a -> names.add(a.agent()));
            c.audit().stream().filter(e -> e.what().equals(CaseAction.CLAIM.name())).forEach(e -> names.add(e.who()));
        }
        names.remove(Actor.SYSTEM.username());
        return List.copyOf(names);
    }

    /** Takes the case: one agent at a time; an expired claim may be taken over. */
    public FollowupCase claim(Actor actor, String caseId) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireQueue(actor, current);
        if (current.heldAt(now)) {
            if (actor.username().equals(current.claimedBy())) {
                return current;
            }
            throw heldByOther(current, CaseAction.CLAIM);
        }
        // Taking over an expired claim keeps the state (CLAIMED or CONTACTED) but changes the holder:
        // announced all the same, so that consumers learn the new owner.
        boolean newHolder = current.claimedBy() != null && !actor.username().equals(current.claimedBy());
        return commit(change(current, CaseAction.CLAIM, CaseAction.CLAIM.name(), actor, now, null,
                c -> c.withClaim(actor.username(), now.plus(policy.claimTimeout())),
                new StatusNotice(actor.username(), null, newHolder), List.of()));
    }

    public FollowupCase release(Actor actor, String caseId) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolderOrSupervisor(actor, current, CaseAction.RELEASE);
        return commit(change(current, CaseAction.RELEASE, actor, now, null, FollowupCase::withoutClaim, List.of()));
    }

    /**
     * Logs an attempt; after the configured number of failed attempts the customer is unreachable.
     * A customer on the do-not-contact list is not contacted: the attempt is refused. One who asks
     * not to be contacted again ({@code DO_NOT_CONTACT}) was reached, and is put on the list.
     */
    public FollowupCase recordContact(Actor actor, String caseId, ContactAttempt.Channel channel,
            ContactAttempt.Outcome outcome, @Nullable Instant callbackAt, @Nullable String note) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolder(actor, current, CaseAction.CONTACT_REACHED);
        if (outcome == ContactAttempt.Outcome.CALLBACK_REQUESTED && callbackAt == null) {
            throw new InvalidCaseInputException("callbackAt", "required when the outcome is CALLBACK_REQUESTED");
        }
        boolean reached = outcome.reachedCustomer();
        long failed = current.attempts().stream().filter(a -> !a.outcome().reachedCustomer()).count()
                + (reached ? 0 : 1);
        boolean firstContact = reached && current.attempts().stream().noneMatch(a -> a.outcome().reachedCustomer());
        CaseAction action = reached ? CaseAction.CONTACT_REACHED
                : failed >= policy.maxFailedAttempts() && current.state() == CaseState.CLAIMED
                        ? CaseAction.GIVE_UP : CaseAction.CONTACT_FAILED;
        if (doNotContact.listed(current.customerId())) {
            throw new DoNotContactException(current.state(), action);
        }
        if (outcome == ContactAttempt.Outcome.DO_NOT_CONTACT) {
            // Listed before the attempt is stored: should the case's write miss (a concurrent change),
            // the customer's request still holds, and the case then refuses further attempts.
            doNotContact.listOnRequest(current.customerId(), actor.username(), current.caseId());
        }
        ContactAttempt attempt = new ContactAttempt(current.attempts().size() + 1, actor.username(), now, channel,
                outcome, callbackAt, note);
        return commit(change(current, action, actor, now, channel + " " + outcome + (note == null ? "" : ": " + note),
                c -> c.withAttempt(attempt, now.plus(policy.claimTimeout())),
                List.of((after, sequence) -> {
                    String id = CaseEventFactory.eventId(after.caseId(), sequence);
                    return CaseEventFactory.outgoing(after, id, EventTypes.CONTACT_ATTEMPTED, now, new ContactAttempted(id,
                            EventTypes.CONTACT_ATTEMPTED, ContactAttempted.SCHEMA_VERSION, now, after.caseId(),
                            after.customerId(), after.responseId(), sequence, after.queue(), actor.username(),
                            channel.name(), outcome.name(), callbackAt, attempt.number(), firstContact,
                            after.openedAt()));
                })));
    }

    /** Codes one or more active categories; "other" needs its text. A later coding replaces the earlier one. */
    public FollowupCase codeRootCauses(Actor actor, String caseId, List<String> categories, @Nullable String otherText) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolderOrSupervisor(actor, current, CaseAction.CODE_ROOT_CAUSE);
        List<FieldProblem> violations = rootCauses.check(categories, otherText);
        if (!violations.isEmpty()) {
            throw new InvalidCaseInputException(violations);
        }
        RootCauseCoding.Coding coding = RootCauseCoding.of(categories, otherText);
        return commit(change(current, CaseAction.CODE_ROOT_CAUSE, actor, now, String.join(", ", coding.categories()),
                c -> c.withRootCauses(coding.categories(), coding.otherText()),
                List.of(rootCauseCoded(actor.username(), now))));
    }

    /**
     * Recodes a case from "other" to a category promoted from the "other" texts. Not a state change,
     * so allowed in any state; skipped (null) if the case is no longer coded "other".
     */
    public @Nullable FollowupCase recode(Actor actor, String caseId, String category) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        if (!RootCauseCoding.codedOther(current.rootCauses())) {
            return null;
        }
        RootCauseCoding.Coding coding = RootCauseCoding.recoded(current.rootCauses(), category);
        return commit(change(current, null, "RECODE_ROOT_CAUSE", actor, now, "recoded other as " + category,
                c -> c.withRootCauses(coding.categories(), coding.otherText()),
                List.of(rootCauseCoded(actor.username(), now))));
    }

    /**
     * Records the offer of the case's experiment arm and, once known, whether the customer
     * accepted. The arm is assigned once per case, so asking again changes only the answer.
     */
    public FollowupCase offerIncentive(Actor actor, String caseId, @Nullable Boolean accepted) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolder(actor, current, CaseAction.OFFER_INCENTIVE);
        CaseTransitions.next(current.state(), CaseAction.OFFER_INCENTIVE);
        IncentiveRecord offered = (current.incentive() == null ? assignArm(current) : current.incentive())
                .answered(accepted);
        return commit(change(current, CaseAction.OFFER_INCENTIVE, actor, now,
                offered.experimentId() + "/" + offered.arm() + " accepted=" + offered.accepted(),
                c -> c.withIncentive(offered),
                List.of((after, sequence) -> {
                    String id = CaseEventFactory.eventId(after.caseId(), sequence);
                    return CaseEventFactory.outgoing(after, id, EventTypes.INCENTIVE_OFFERED, now, new IncentiveOffered(id,
                            EventTypes.INCENTIVE_OFFERED, IncentiveOffered.SCHEMA_VERSION, now, after.caseId(),
                            after.customerId(), after.responseId(), sequence, after.queue(), actor.username(),
                            offered.experimentId(), offered.arm(), offered.rootCause(), offered.incentiveId(),
                            offered.incentiveType(), offered.cost(), offered.accepted()));
                })));
    }

    /** Resolves a case the agent has worked; a recovery case needs its root cause coded first. */
    public FollowupCase resolve(Actor actor, String caseId, @Nullable String note) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolder(actor, current, CaseAction.RESOLVE);
        if (current.kind() == CaseKind.RECOVERY && current.rootCauses().isEmpty() && current.state() == CaseState.CONTACTED) {
            throw new CaseConflictException(current.state(), CaseAction.RESOLVE, "Code the root cause before resolving");
        }
        return commit(change(current, CaseAction.RESOLVE, actor, now, note, FollowupCase::withoutCallback, List.of()));
    }

    /**
     * Closes a resolved or unreachable case; a case not yet contacted whose customer is on the
     * do-not-contact list is closed without contact instead ({@code WITHDRAW}, recorded as such),
     * since nobody may reach them and the case would otherwise wait, and escalate, for ever.
     */
    public FollowupCase close(Actor actor, String caseId, @Nullable String note) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        CaseAction action = CaseTransitions.target(current.state(), CaseAction.CLOSE).isEmpty()
                && CaseTransitions.target(current.state(), CaseAction.WITHDRAW).isPresent() && doNotContact.listed(current.customerId())
                ? CaseAction.WITHDRAW : CaseAction.CLOSE;
        requireHolderOrSupervisor(actor, current, action);
        String details = action == CaseAction.WITHDRAW ? "closed without contact: the customer is on the do-not-contact list"
                + (note == null || note.isBlank() ? "" : "; " + note) : note;
        return commit(change(current, action, actor, now, details, c -> c.withoutClaim().withoutCallback(), List.of()));
    }

    public FollowupCase reopen(Actor actor, String caseId, @Nullable String reason) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolderOrSupervisor(actor, current, CaseAction.REOPEN);
        return commit(change(current, CaseAction.REOPEN, actor, now, reason, FollowupCase::withoutClaim, List.of()));
    }

    /** Asks the survey systems to survey the customer of a resolved case again. */
    public FollowupCase requestResurvey(Actor actor, String caseId) {
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireHolderOrSupervisor(actor, current, CaseAction.REQUEST_RESURVEY);
        return commit(change(current, CaseAction.REQUEST_RESURVEY, actor, now, null, c -> c,
                List.of((after, sequence) -> {
                    String id = CaseEventFactory.eventId(after.caseId(), sequence);
                    return CaseEventFactory.outgoing(after, id, EventTypes.RESURVEY_REQUESTED, now, new ResurveyRequested(id,
                            EventTypes.RESURVEY_REQUESTED, ResurveyRequested.SCHEMA_VERSION, now, after.caseId(),
                            after.customerId(), after.responseId(), sequence, after.queue(), actor.username(),
                            after.contact()));
                })));
    }

    /**
     * A team lead hands the case to a named agent: a claim made for them, with the claim's lease
     * ({@link CasePolicy#claimTimeout()}), replacing whoever held the case. The audit entry names
     * the lead and the previous holder. The {@code CaseStatusChanged} goes out also when the state
     * stays (a held case handed to another agent), with the lead as its actor, the new holder as its
     * {@code owner} and {@code assigned to <agent>} as its reason.
     * Assigning the case to the agent who holds it changes nothing.
     */
    public FollowupCase assign(Actor actor, String caseId, @Nullable String agent) {
        requireLead(actor, "assign cases");
        HandoverRules.requireValid(HandoverRules.assignment(agent));
        String assignee = HandoverRules.agentOf(Objects.requireNonNull(agent));
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireQueue(actor, current);
        CaseTransitions.next(current.state(), CaseAction.ASSIGN);
        if (current.heldAt(now) && assignee.equals(current.claimedBy())) {
            return current;
        }
        String previous = current.claimedBy();
        String details = "to " + assignee + (previous == null ? " (was unclaimed)" : " (was held by " + previous + ")");
        return commit(change(current, CaseAction.ASSIGN, CaseAction.ASSIGN.name(), actor, now, details,
                c -> c.withClaim(assignee, now.plus(policy.claimTimeout())),
                new StatusNotice(actor.username(), "assigned to " + assignee, true), List.of()));
    }

    /**
     * A team lead moves the case out of one of their queues into another queue, any queue: handing
     * a case to another team is the point. The claim goes (a claimed case is OPEN again, a contacted
     * one stays CONTACTED); the SLA due time, the overdue mark and the escalation level stay, so the
     * SLA watch goes on from where the case is. A {@code CaseStatusChanged} with the new queue goes
     * out also when the state stays, its reason {@code transferred: <from> -> <to>} and the lead's
     * reason, as in the audit entry. Transferring a case to its own queue changes nothing.
     */
    public FollowupCase transfer(Actor actor, String caseId, @Nullable String queue, @Nullable String reason) {
        requireLead(actor, "transfer cases");
        HandoverRules.requireValid(HandoverRules.transfer(queue, reason));
        String target = Objects.requireNonNull(queue);
        String why = HandoverRules.reasonOf(reason);
        Instant now = clock.instant();
        FollowupCase current = find(caseId);
        requireQueue(actor, current);
        CaseTransitions.next(current.state(), CaseAction.TRANSFER);
        if (target.equals(current.queue())) {
            return current;
        }
        String details = TRANSFERRED + ": " + current.queue() + " -> " + target + (why == null ? "" : ": " + why);
        return commit(change(current, CaseAction.TRANSFER, CaseAction.TRANSFER.name(), actor, now, details,
                c -> c.movedTo(target),
                new StatusNotice(actor.username(), details, true), List.of()));
    }

    /** Stores a change and relays its events; a concurrent change of the same case is a 409. */
    FollowupCase commit(CaseChange change) {
        if (!store.apply(change)) {
            FollowupCase now = store.find(change.before().caseId());
            CaseState state = now == null ? change.before().state() : now.state();
            String holder = now == null ? null : now.claimedBy();
            throw new CaseConflictException(state, actionOf(change), holder, now == null ? null : now.claimSince(),
                    "The case changed meanwhile (now " + state + (holder == null ? "" : ", held by " + holder)
                            + "); reload it and try again");
        }
        metrics.transition(change.audit().what());
        relay.relay(change.after().caseId());
        return change.after();
    }

    /**
     * Builds a change: the state from the transition table (unchanged when {@code action} is null),
     * the version one up, an audit entry, a {@code CaseStatusChanged} if the state changed, then the
     * extra events, numbered on from the case's last sequence.
     */
    static CaseChange change(FollowupCase current, CaseAction action, Actor actor, Instant now,
            @Nullable String details, UnaryOperator<FollowupCase> edit,
            List<BiFunction<FollowupCase, Long, OutgoingEvent>> extraEvents) {
        return change(current, action, action.name(), actor, now, details, edit, extraEvents);
    }

    /** A change that is no transition (null action): recorded in the audit trail as {@code what}. */
    static CaseChange change(FollowupCase current, @Nullable CaseAction action, String what, Actor actor, Instant now,
            @Nullable String details, UnaryOperator<FollowupCase> edit,
            List<BiFunction<FollowupCase, Long, OutgoingEvent>> extraEvents) {
        return change(current, action, what, actor, now, details, edit, new StatusNotice(actor.username(), details, false),
                extraEvents);
    }

    /** A change whose {@code CaseStatusChanged} is described by {@code status}. */
    static CaseChange change(FollowupCase current, @Nullable CaseAction action, String what, Actor actor, Instant now,
            @Nullable String details, UnaryOperator<FollowupCase> edit, StatusNotice status,
            List<BiFunction<FollowupCase, Long, OutgoingEvent>> extraEvents) {
        CaseState to = action == null ? current.state() : CaseTransitions.next(current.state(), action);
        boolean announced = to != current.state() || status.evenIfStateStays();
        long events = (announced ? 1 : 0) + extraEvents.size();
        AuditEntry audit = new AuditEntry(actor.username(), what, now, current.state().name(), to.name(), details);
        FollowupCase after = edit.apply(current).recorded(to, current.sequence() + events, audit);
        List<OutgoingEvent> out = new ArrayList<>();
        long sequence = current.sequence();
        if (announced) {
            out.add(CaseEventFactory.statusChanged(current, after, ++sequence, status.actor(), now, status.reason()));
        }
        for (BiFunction<FollowupCase, Long, OutgoingEvent> extra : extraEvents) {
            out.add(extra.apply(after, ++sequence));
        }
        return new CaseChange(current, after, audit, out);
    }

    /**
     * What the {@code CaseStatusChanged} of a change says: who it names as actor, its reason, and
     * whether it goes out when the state stays (the transition table alone announces state changes
     * only, but consumers must also learn of a new queue or a new holder).
     */
    record StatusNotice(String actor, @Nullable String reason, boolean evenIfStateStays) {
    }

    private static CaseAction actionOf(CaseChange change) {
        try {
            return CaseAction.valueOf(change.audit().what());
        } catch (IllegalArgumentException e) {
            return CaseAction.CODE_ROOT_CAUSE;
        }
    }

    private BiFunction<FollowupCase, Long, OutgoingEvent> rootCauseCoded(String actor, Instant now) {
        return (after, sequence) -> {
            String id = CaseEventFactory.eventId(after.caseId(), sequence);
            return CaseEventFactory.outgoing(after, id, EventTypes.ROOT_CAUSE_CODED, now, new RootCauseCoded(id,
                    EventTypes.ROOT_CAUSE_CODED, RootCauseCoded.SCHEMA_VERSION, now, after.caseId(), after.customerId(),
                    after.responseId(), sequence, after.queue(), actor, after.rootCauses(), after.otherRootCause()));
        };
    }

    /** The case's arm in the experiment of its root cause, assigned once per case. */
    private IncentiveRecord assignArm(FollowupCase current) {
        if (current.rootCauses().isEmpty()) {
            throw new CaseConflictException(current.state(), CaseAction.OFFER_INCENTIVE,
                    "Code the root cause before offering an incentive");
        }
        return experiments.assign(current.caseId(), current.rootCauses()).map(IncentiveRecord::of)
                .orElseThrow(() -> new CaseConflictException(current.state(), CaseAction.OFFER_INCENTIVE,
                        "No incentive experiment for root cause " + current.rootCauses().get(0)));
    }

    private static void requireQueue(Actor actor, FollowupCase current) {
        if (!actor.works(current.queue())) {
            throw new CaseNotFoundException(current.caseId());
        }
    }

    /** The agent who claimed the case (an expired claim not yet taken over still counts) acts on it. */
    private static void requireHolder(Actor actor, FollowupCase current, CaseAction action) {
        requireQueue(actor, current);
        if (!actor.username().equals(current.claimedBy())) {
            throw current.claimedBy() == null
                    ? new CaseConflictException(current.state(), action, "Claim the case first")
                    : heldByOther(current, action);
        }
    }

    /** A lead's say over other agents' claims holds in the lead's own queues only. */
    private static void requireHolderOrSupervisor(Actor actor, FollowupCase current, CaseAction action) {
        requireQueue(actor, current);
        if (actor.supervises() || current.claimedBy() == null && !CaseTransitions.isActive(current.state())) {
            return;
        }
        requireHolder(actor, current, action);
    }

    /** Hand-overs are team leads' work; agents are refused whatever the case. */
    private static void requireLead(Actor actor, String what) {
        if (!actor.supervises()) {
            throw new ForbiddenActionException("Only team leads " + what);
        }
    }

    private static CaseConflictException heldByOther(FollowupCase current, CaseAction action) {
        return new CaseConflictException(current.state(), action, current.claimedBy(), current.claimSince(),
                "The case is claimed by " + current.claimedBy());
    }
}
