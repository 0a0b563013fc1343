package io.npsloop.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles people hold, read from the token's roles claim (case-insensitive; {@code team-lead}
 * and {@code team_lead} are read as {@link #LEAD}).
 */
public enum Role {
    /** Works the cases of their own queues. */
    AGENT,
    /** Sees the team's cases, reassigns, handles escalations. */
    LEAD,
    /** Reads reports and figures; never personal data. */
    ANALYST,
    /** Rules, taxonomy, experiments, incentives, keys, erasure. */
    ADMIN;

    /** The Spring Security authority of the role, e.g. {@code ROLE_AGENT}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> fromClaim(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("TEAM_LEAD")) {
            return Optional.of(LEAD);
        }
        for (Role role : values()) {
            if (role.name().equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
