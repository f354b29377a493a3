package org.shopsuite.support.fault;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A test hook, off unless {@code shop.fault-injection.enabled=true} (never set by ./stack or compose). A request
 * carrying {@code X-Shop-Fault: <fault>:<service name>[:<millis>]} is handled normally by the named service (its
 * transaction branch registered and done), and then:
 * <ul>
 *   <li>{@code fail-after-branch}: answered with a 500, as if the participant failed right after its work;</li>
 *   <li>{@code pause-after-branch}: answered only after the pause (default 10 s), a window to kill the process in.</li>
 * </ul>
 * order-service passes the header on to its participants, so a test can aim at any of them.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "shop.fault-injection.enabled", havingValue = "true")
public class FaultInjection {

    public static final String HEADER = "X-Shop-Fault";

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> faultInjectionFilter(@Value("${spring.application.name}") String service) {
        log.warn("fault injection is ENABLED (shop.fault-injection.enabled=true): for tests only");
        return new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                String[] fault = String.valueOf(request.getHeader(HEADER)).split(":");
                if (fault.length < 2 || !fault[1].equals(service)) {
                    chain.doFilter(request, response);
                    return;
                }
                ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, held);
                switch (fault[0]) {
                    case "fail-after-branch" -> {
                        log.warn("injected fault: {} {} handled ({}), answering 500", request.getMethod(),
                                request.getRequestURI(), held.getStatus());
                        held.resetBuffer();
                        ProblemWriter.write(response, ApiProblem.body(HttpStatus.INTERNAL_SERVER_ERROR,
                                ProblemTypes.of("injected-fault"), "Injected fault",
                                "failed after its branch on purpose"));
                    }
                    case "pause-after-branch" -> {
                        long millis = fault.length > 2 ? Long.parseLong(fault[2]) : 10_000;
                        log.warn("injected fault: {} {} handled, pausing {} ms before answering", request.getMethod(),
                                request.getRequestURI(), millis);
                        sleep(millis);
                        held.copyBodyToResponse();
                    }
                    default -> held.copyBodyToResponse();
                }
            }
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
