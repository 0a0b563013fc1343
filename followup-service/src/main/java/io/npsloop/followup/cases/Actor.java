package io.npsloop.followup.cases;

import java.util.Set;

/**
 * The authenticated user who acts on a case. Agents work the cases of their queues ({@code *} for
 * all); leads and admins may act on any queue and release or close cases others hold.
 */
public record Actor(String username, Role role, Set<String> queues) {

    public static final Actor SYSTEM = new Actor("system", Role.ADMIN, Set.of("*"));

    public Actor {
        queues = Set.copyOf(queues);
    }

    public boolean works(String queue) {
        return role != Role.AGENT || queues.contains("*") || queues.contains(queue);
    }

    public boolean supervises() {
        return role == Role.LEAD || role == Role.ADMIN;
    }

    /** What a user may do. */
    public enum Role {
        AGENT, LEAD, ADMIN
    }
}
