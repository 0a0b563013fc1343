package io.npsloop.followup.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * What a team lead's hand-over must name: the agent a case is assigned to, or the queue it is
 * transferred to and why. Each check returns every bad field, so a client fixes them all at once.
 *
 * <p>Follow-up keeps no directory of people or queues (both come from tokens and alert routing),
 * so an agent is any username and a queue any well-formed queue name; a queue name has the form
 * alert rules give owner queues.
 */
public final class HandoverRules {

    /** The longest username accepted, as identity providers limit theirs. */
    public static final int MAX_AGENT_LENGTH = 255;
    /** The longest reason a transfer may give. */
    public static final int MAX_REASON_LENGTH = 500;

    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private HandoverRules() {
    }

    public static List<FieldProblem> assignment(@Nullable String agent) {
        List<FieldProblem> problems = new ArrayList<>();
        if (agent == null || agent.isBlank()) {
            problems.add(new FieldProblem("agent",
                    "required: the username of the agent to assign the case to (to unassign, release the case)"));
        } else if (agent.strip().length() > MAX_AGENT_LENGTH) {
            problems.add(new FieldProblem("agent", "at most " + MAX_AGENT_LENGTH + " characters"));
        } else if (agent.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("agent", "no control characters"));
        }
        return problems;
    }

    public static List<FieldProblem> transfer(@Nullable String queue, @Nullable String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        if (queue == null || queue.isBlank()) {
            problems.add(new FieldProblem("queue", "required: the queue to move the case to"));
        } else if (!QUEUE.matcher(queue).matches()) {
            problems.add(new FieldProblem("queue",
                    "a queue name of 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (reason != null && reason.strip().length() > MAX_REASON_LENGTH) {
            problems.add(new FieldProblem("reason", "at most " + MAX_REASON_LENGTH + " characters"));
        }
        return problems;
    }

    /** The agent's username as recorded: without surrounding white space. */
    static String agentOf(String agent) {
        return agent.strip();
    }

    /** The reason as recorded: without surrounding white space, none if blank. */
    static @Nullable String reasonOf(@Nullable String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    static void requireValid(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidCaseInputException(problems);
        }
    }
}
