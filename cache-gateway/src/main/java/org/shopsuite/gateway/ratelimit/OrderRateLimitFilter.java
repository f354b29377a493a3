package org.shopsuite.gateway.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /api/orders} beyond the caller's or the client address's rate: 429 with {@code Retry-After} (whole
 * seconds, rounded up) and a problem body, before the order is read or forwarded. Runs after authorization, so the
 * caller is known (and a request without a valid token got its 401 already).
 */
public final class OrderRateLimitFilter extends OncePerRequestFilter {

    private final OrderRateLimiter limiter;

    public OrderRateLimitFilter(OrderRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || !"POST".equals(request.getMethod())
                || !"/api/orders".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String user = caller == null ? "anonymous" : caller.getName();
        Optional<Duration> wait = limiter.take(user, request.getRemoteAddr());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        ProblemWriter.write(response, ApiProblem.body(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
                "Too many requests", "too many orders from this user or this client address; retry after " + seconds
                        + " s"));
    }
}
