package org.shopsuite.order.order;

import static org.mockito.Mockito.mock;

import org.shopsuite.api.input.StrictInput;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.support.problem.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * order-service's public order endpoints with the suite's real input plumbing (StrictInput, ProblemResponses) over
 * mocked placement and repository, called as a given caller: the authentication stands for what the resource server
 * made of a bearer token (the token checks themselves are AuthIT's, against the real issuer).
 */
final class OrderEndpoints {

    final OrderPlacement placement = mock(OrderPlacement.class);
    final OrderRepository orders = mock(OrderRepository.class);
    private final WebApplicationContextRunner app = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    ValidationAutoConfiguration.class, StrictInput.class, ProblemResponses.class))
            .withBean(OrderController.class, () -> new OrderController(placement, orders, OrderMode.XA));

    interface MvcCheck {
        void check(MockMvc mvc) throws Exception;
    }

    void as(Authentication caller, MvcCheck check) {
        SecurityContextHolder.getContext().setAuthentication(caller);
        try {
            app.run(context -> check.check(MockMvcBuilders.webAppContextSetup(context).build()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
