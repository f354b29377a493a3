package org.shopsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** What the limiter decides, as the client sees it; the buckets themselves are Redis's (AuthIT). */
class OrderRateLimitFilterTest {

    final OrderRateLimiter limiter = mock(OrderRateLimiter.class);
    final OrderRateLimitFilter filter = new OrderRateLimitFilter(limiter);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOrderOverTheLimitIs429WithRetryAfterInWholeSecondsAndAProblem() throws Exception {
        when(limiter.enabled()).thenReturn(true);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("7", "n/a", "SCOPE_x"));
        when(limiter.take("7", "10.0.0.9")).thenReturn(Optional.of(Duration.ofMillis(1200)));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(order("10.0.0.9"), response, chain);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"type\":\"https://shopsuite.dev/problems/rate-limited\"",
                "\"status\":429");
        assertThat(chain.getRequest()).as("not passed on").isNull();
    }

    @Test
    void anOrderWithinTheLimitGoesOn() throws Exception {
        when(limiter.enabled()).thenReturn(true);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("7", "n/a", "SCOPE_x"));
        when(limiter.take("7", "10.0.0.9")).thenReturn(Optional.empty());
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(order("10.0.0.9"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        verify(limiter).take("7", "10.0.0.9");
    }

    @Test
    void readsAndOtherPathsAreNotCounted() throws Exception {
        when(limiter.enabled()).thenReturn(true);
        MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/orders/1");
        MockHttpServletRequest account = new MockHttpServletRequest("POST", "/api/accounts/1");

        filter.doFilter(read, new MockHttpServletResponse(), new MockFilterChain());
        filter.doFilter(account, new MockHttpServletResponse(), new MockFilterChain());

        verify(limiter, never()).take(any(), any());
    }

    @Test
    void switchedOffNothingIsCounted() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(order("10.0.0.9"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        verify(limiter).enabled();
        verifyNoMoreInteractions(limiter);
    }

    private static MockHttpServletRequest order(String from) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
        request.setRemoteAddr(from);
        return request;
    }
}
