package io.npsloop.followup.cases;

import java.util.Set;

/**
 * The authenticated person who acts on a case: their case role (what they may do), the queues
 * their token grants (where) and whether they also administer the service's catalogues.
 *
 * <p>Each entry of the queues grants exactly what it names: a queue name that queue only,
 * {@code <team>-*} every queue whose name starts with {@code <team>-} (e.g. {@code customer-*}:
 * {@code customer-care}, {@code customer-care-lead}, but not {@code customer} nor
 * {@code customers}), {@code *} every queue. One queue's name never grants another queue, so a
 * team's queues are given by its scope, never by a shared prefix. The queues are the same for
 * every role: a team lead's say over others' claims holds where their queues say, and the admin
 * role adds no queue, since admins administer and work the cases of their queues only.
 */
public record Actor(String username, Role role, Set<String> queues, boolean administers) {

    /** The service itself (SLA escalations, loop closure): every queue. */
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN, Set.of(Actor.EVERY_QUEUE), true);

    /** The queues entry that grants every queue. */
    public static final String EVERY_QUEUE = "*";
    /** The end of a queues entry that grants a team: every queue named {@code <team>-...}. */
    public static final String TEAM_SCOPE = "-*";

    public Actor {
        queues = Set.copyOf(queues);
    }

    /** An actor who administers only if the case role is {@link Role#ADMIN}. */
    public Actor(String username, Role role, Set<String> queues) {
        this(username, role, queues, role == Role.ADMIN);
    }

    public boolean works(String queue) {
        for (String granted : queues) {
            if (granted.equals(EVERY_QUEUE) || granted.equals(queue) || inTeam(granted, queue)) {
                return true;
            }
        }
        return false;
    }

    /** A team lead: may act on cases other agents hold, and hand cases over, in the queues they work. */
    public boolean supervises() {
        return role == Role.LEAD;
    }

    private static boolean inTeam(String granted, String queue) {
        if (!granted.endsWith(TEAM_SCOPE) || granted.length() <= TEAM_SCOPE.length()) {
            return false;
        }
        String prefix = granted.substring(0, granted.length() - 1);
        return queue.length() > prefix.length() && queue.startsWith(prefix);
    }

    /**
     * What a user may do with cases: the strongest case role of the token (lead over agent), or
     * {@code ADMIN} for an admin who holds neither (and so reaches no case endpoint).
     */
    public enum Role {
        AGENT, LEAD, ADMIN
    }
}
