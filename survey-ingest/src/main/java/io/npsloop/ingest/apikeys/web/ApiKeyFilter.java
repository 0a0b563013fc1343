package io.npsloop.ingest.apikeys.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.ApiKey;
import io.npsloop.ingest.apikeys.ApiKeys;
import io.npsloop.ingest.apikeys.KeyUsage;
import io.npsloop.ingest.apikeys.RateLimit;
import io.npsloop.ingest.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request to the responses and outcomes APIs ({@code /api/v1/responses/**},
 * {@code /api/v1/outcomes/**}: single, batch, import) must
 * carry an {@code X-API-Key} of a source system, configured or managed and not revoked: 401 without
 * a known key, 403 when the key lacks the endpoint's scope, 429 with Retry-After past the key's
 * rate. Runs before the body is read, so a stranger cannot make the service parse anything.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    static final String RESPONSES_PATH = "/api/v1/responses";
    static final String IMPORT_PATH = "/api/v1/responses/import";
    static final String OUTCOMES_PATH = "/api/v1/outcomes";
    static final String OUTCOMES_IMPORT_PATH = "/api/v1/outcomes/import";

    private final ApiKeys keys;
    private final KeyUsage usage;
    private final ProblemResponses problems;
    private final Map<String, RateLimiter> rateLimiters = new ConcurrentHashMap<>();
    private final Function<ApiKey, RateLimiter> newRateLimiter;

    ApiKeyFilter(ApiKeys keys, KeyUsage usage, IngestProperties properties, ProblemResponses problems) {
        this.keys = keys;
        this.usage = usage;
        this.problems = problems;
        this.newRateLimiter = key -> rateLimiter(key, properties.rateLimit());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(isUnder(path, RESPONSES_PATH) || isUnder(path, OUTCOMES_PATH));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        Optional<ApiKey> key = presented == null || presented.isBlank() ? Optional.empty() : keys.authenticate(presented);
        if (key.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    presented == null || presented.isBlank()
                            ? "The " + HEADER + " header is missing."
                            : "The " + HEADER + " header does not name a known key.");
            return;
        }
        usage.used(key.get().name());
        String scope = requiredScope(request);
        if (!key.get().allows(scope)) {
            problems.write(response, HttpStatus.FORBIDDEN, "Forbidden",
                    "The key " + key.get().name() + " lacks the scope " + scope + " this endpoint requires.");
            return;
        }
        RateLimiter limiter = rateLimiters.computeIfAbsent(key.get().name(), name -> newRateLimiter.apply(key.get()));
        if (!limiter.acquirePermission()) {
            ProblemResponses.retryAfter(response, Duration.ofNanos(((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait()));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "The key " + key.get().name() + " is over its rate of "
                            + limiter.getRateLimiterConfig().getLimitForPeriod() + " requests per "
                            + limiter.getRateLimiterConfig().getLimitRefreshPeriod() + "; retry after the time in Retry-After.");
            return;
        }
        request.setAttribute(AuthenticatedSource.ATTRIBUTE, key.get().source());
        chain.doFilter(request, response);
    }

    private static String requiredScope(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return isUnder(path, IMPORT_PATH) || isUnder(path, OUTCOMES_IMPORT_PATH)
                ? IngestProperties.SCOPE_IMPORT
                : IngestProperties.SCOPE_WRITE;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Per key name: a managed key's name is never given to another key, so a limiter only ever counts one key's requests. */
    private static RateLimiter rateLimiter(ApiKey key, IngestProperties.RateLimit defaultRate) {
        RateLimit own = key.rateLimit();
        int permits = own == null ? defaultRate.permits() : own.permits();
        Duration period = own == null ? defaultRate.period() : own.period();
        return RateLimiter.of("api-key-" + key.name(), RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    }
}
