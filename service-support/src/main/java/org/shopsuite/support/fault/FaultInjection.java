package org.shopsuite.support.fault;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A test hook, off unless {@code shop.fault-injection.enabled=true}: a request carrying
 * {@code X-Shop-Fault: fail-after-branch} is fully handled (its transaction branch registered and done) and then
 * answered with a 500, as if the participant failed right after its work. Never enabled by ./stack or compose.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "shop.fault-injection.enabled", havingValue = "true")
public class FaultInjection {

    public static final String HEADER = "X-Shop-Fault";
    public static final String FAIL_AFTER_BRANCH = "fail-after-branch";

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> faultInjectionFilter() {
        log.warn("fault injection is ENABLED (shop.fault-injection.enabled=true): for tests only");
        return new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (!FAIL_AFTER_BRANCH.equals(request.getHeader(HEADER))) {
                    chain.doFilter(request, response);
                    return;
                }
                ContentCachingResponseWrapper discarded = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, discarded);
                log.warn("injected fault: {} {} handled with status {}, answering 500", request.getMethod(),
                        request.getRequestURI(), discarded.getStatus());
                response.setStatus(500);
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"type\":\"https://shopsuite.dev/problems/injected-fault\","
                        + "\"title\":\"Injected fault\",\"status\":500,\"detail\":\"failed after its branch on purpose\"}");
            }
        });
    }
}
