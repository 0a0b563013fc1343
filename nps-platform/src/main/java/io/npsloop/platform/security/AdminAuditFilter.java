package io.npsloop.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Writes an {@link AdminAuditLog} entry for every successful state-changing request by a person
 * holding the admin role. Runs inside the security filter chain, after authentication.
 */
public class AdminAuditFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 16 * 1024;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Logger log = LoggerFactory.getLogger(AdminAuditFilter.class);

    private final AdminAuditLog audit;
    private final Clock clock;

    public AdminAuditFilter(AdminAuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, MAX_BODY);
        chain.doFilter(cached, response);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = who != null && who.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        if (!admin || response.getStatus() >= 400) {
            return;
        }
        byte[] body = cached.getContentAsByteArray();
        String kept = body.length >= MAX_BODY ? "(body over " + MAX_BODY + " bytes, not kept)" : new String(body, StandardCharsets.UTF_8);
        try {
            audit.record(new AdminAuditLog.Entry(clock.instant(), who.getName(), audit.service(), request.getMethod(),
                    request.getRequestURI(), response.getStatus(), kept.isEmpty() ? null : kept));
        } catch (RuntimeException e) {
            log.error("Admin change by {} on {} {} was applied but could not be audited", who.getName(), request.getMethod(),
                    request.getRequestURI(), e);
        }
    }
}
