package io.npsloop.followup.cases;

import java.util.Set;

/**
 * The authenticated person who acts on a case. Agents work the cases of their queues ({@code *}
 * for all); a team lead also works the lead and escalation queues of their queues (those whose
 * name starts with one of theirs, e.g. {@code billing-lead} for {@code billing}) and may release
 * or close cases others hold; admins work every queue.
 */
public record Actor(String username, Role role, Set<String> queues) {

    public static final Actor SYSTEM = new Actor("system", Role.ADMIN, Set.of("*"));

    public Actor {
        queues = Set.copyOf(queues);
    }

    public boolean works(String queue) {
        if (role == Role.ADMIN || queues.contains("*") || queues.contains(queue)) {
            return true;
        }
        return role == Role.LEAD && queues.stream().anyMatch(own -> queue.startsWith(own + "-"));
    }

    public boolean supervises() {
        return role == Role.LEAD || role == Role.ADMIN;
    }

    /** What a user may do. */
    public enum Role {
        AGENT, LEAD, ADMIN
    }
}
