package io.npsloop.followup.cases;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.npsloop.contracts.CaseState;

import static io.npsloop.followup.cases.CaseAction.ASSIGN;
import static io.npsloop.followup.cases.CaseAction.CLAIM;
import static io.npsloop.followup.cases.CaseAction.CLOSE;
import static io.npsloop.followup.cases.CaseAction.CODE_ROOT_CAUSE;
import static io.npsloop.followup.cases.CaseAction.CONTACT_FAILED;
import static io.npsloop.followup.cases.CaseAction.CONTACT_REACHED;
import static io.npsloop.followup.cases.CaseAction.ESCALATE;
import static io.npsloop.followup.cases.CaseAction.GIVE_UP;
import static io.npsloop.followup.cases.CaseAction.OFFER_INCENTIVE;
import static io.npsloop.followup.cases.CaseAction.RELEASE;
import static io.npsloop.followup.cases.CaseAction.REOPEN;
import static io.npsloop.followup.cases.CaseAction.REQUEST_RESURVEY;
import static io.npsloop.followup.cases.CaseAction.RESOLVE;
import static io.npsloop.followup.cases.CaseAction.TRANSFER;
import static io.npsloop.followup.cases.CaseAction.WITHDRAW;
import static io.npsloop.contracts.CaseState.CLAIMED;
import static io.npsloop.contracts.CaseState.CLOSED;
import static io.npsloop.contracts.CaseState.CONTACTED;
import static io.npsloop.contracts.CaseState.ESCALATED;
import static io.npsloop.contracts.CaseState.OPEN;
import static io.npsloop.contracts.CaseState.REOPENED;
import static io.npsloop.contracts.CaseState.RESOLVED;
import static io.npsloop.contracts.CaseState.UNREACHABLE;

/**
 * The case state machine as one table: for each state, the actions allowed in it and the state
 * each leads to. Anything not in the table is refused. The README shows the same table.
 * Claiming a case that is already {@code CLAIMED} or {@code CONTACTED} is a take-over of an expired
 * claim; whether the claim has expired is checked by {@link CaseWork}, not here.
 * {@code ASSIGN} is a claim a team lead makes for an agent, so it is allowed where a claim is and
 * leads where a claim does; {@code TRANSFER} drops the claim like {@code RELEASE} and otherwise
 * keeps the state. Neither is allowed once a case is resolved, unreachable or closed.
 */
public final class CaseTransitions {

    private static final Map<CaseState, Map<CaseAction, CaseState>> TABLE = new EnumMap<>(CaseState.class);

    static {
        allow(OPEN, CLAIM, CLAIMED);
        allow(OPEN, ESCALATE, ESCALATED);
        allow(OPEN, ASSIGN, CLAIMED);
        allow(OPEN, TRANSFER, OPEN);

        allow(CLAIMED, CLAIM, CLAIMED);
        allow(CLAIMED, RELEASE, OPEN);
        allow(CLAIMED, CONTACT_REACHED, CONTACTED);
        allow(CLAIMED, CONTACT_FAILED, CLAIMED);
        allow(CLAIMED, GIVE_UP, UNREACHABLE);
        allow(CLAIMED, ESCALATE, ESCALATED);
        allow(CLAIMED, ASSIGN, CLAIMED);
        allow(CLAIMED, TRANSFER, OPEN);

        allow(CONTACTED, CLAIM, CONTACTED);
        allow(CONTACTED, RELEASE, CONTACTED);
        allow(CONTACTED, CONTACT_REACHED, CONTACTED);
        allow(CONTACTED, CONTACT_FAILED, CONTACTED);
        allow(CONTACTED, GIVE_UP, UNREACHABLE);
        allow(CONTACTED, CODE_ROOT_CAUSE, CONTACTED);
        allow(CONTACTED, OFFER_INCENTIVE, CONTACTED);
        allow(CONTACTED, RESOLVE, RESOLVED);
        allow(CONTACTED, ESCALATE, ESCALATED);
        allow(CONTACTED, ASSIGN, CONTACTED);
        allow(CONTACTED, TRANSFER, CONTACTED);

        allow(RESOLVED, CODE_ROOT_CAUSE, RESOLVED);
        allow(RESOLVED, REQUEST_RESURVEY, RESOLVED);
        allow(RESOLVED, CLOSE, CLOSED);
        allow(RESOLVED, REOPEN, REOPENED);

        allow(UNREACHABLE, CLOSE, CLOSED);
        allow(UNREACHABLE, REOPEN, REOPENED);

        allow(CLOSED, REQUEST_RESURVEY, CLOSED);
        allow(CLOSED, REOPEN, REOPENED);

        allow(ESCALATED, CLAIM, CLAIMED);
        allow(ESCALATED, ESCALATE, ESCALATED);
        allow(ESCALATED, ASSIGN, CLAIMED);
        allow(ESCALATED, TRANSFER, ESCALATED);

        allow(REOPENED, CLAIM, CLAIMED);
        allow(REOPENED, ESCALATE, ESCALATED);
        allow(REOPENED, ASSIGN, CLAIMED);
        allow(REOPENED, TRANSFER, REOPENED);

        // A customer on the do-not-contact list cannot be reached, so an uncontacted case of theirs is
        // closed without contact (CaseWork.close allows it only while the customer is listed).
        allow(OPEN, WITHDRAW, CLOSED);
        allow(CLAIMED, WITHDRAW, CLOSED);
        allow(ESCALATED, WITHDRAW, CLOSED);
        allow(REOPENED, WITHDRAW, CLOSED);
    }

    private CaseTransitions() {
    }

    private static void allow(CaseState from, CaseAction action, CaseState to) {
        TABLE.computeIfAbsent(from, state -> new EnumMap<>(CaseAction.class)).put(action, to);
    }

    /** The state {@code action} leads to from {@code from}, if the table allows it. */
    public static Optional<CaseState> target(CaseState from, CaseAction action) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(action));
    }

    public static CaseState next(CaseState from, CaseAction action) {
        return target(from, action).orElseThrow(() -> new CaseConflictException(from, action,
                "A case in state " + from + " does not allow " + action));
    }

    /** The whole table, for documentation and tests. */
    public static Map<CaseState, Map<CaseAction, CaseState>> table() {
        return Collections.unmodifiableMap(TABLE);
    }

    /** States in which the customer is being worked on: not to be surveyed, watched by the SLA. */
    public static boolean isActive(CaseState state) {
        return state.isActive();
    }
}
