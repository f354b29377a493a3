package org.shopsuite.order.order;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.input.StrictInput;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.support.problem.ProblemResponses;
import org.shopsuite.support.security.ServiceSecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * order-service's order endpoints as its web layer answers them, security included, over mocked placement and
 * repository: what needs a token, what a body must be, and the problem each failure is answered with. (The input
 * rules value by value are OrderInputTest's; whose orders a token sees, OrderOwnershipTest's.)
 */
@WebMvcTest(controllers = OrderController.class, properties = {"SHOP_ORDER_DB_PASSWORD=unused-by-the-web-layer",
        "SHOP_REDIS_PASSWORD=unused-by-the-web-layer"})
@ImportAutoConfiguration({StrictInput.class, ProblemResponses.class, ServiceSecurity.class})
class OrderControllerTest {

    static final String GOOD = OrderInputTest.GOOD;
    static final RequestPostProcessor USER_1 = jwt().jwt(token -> token.subject("1"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderPlacement placement;

    @MockitoBean
    OrderRepository orders;

    @Test
    void placingAnOrderWithoutATokenIs401WithABearerChallengeAndPlacesNothing() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/unauthenticated"));
        verifyNoInteractions(placement);
    }

    @Test
    void aMalformedTokenIs401AsAnInvalidToken() throws Exception {
        mvc.perform(get("/api/orders/9").header("Authorization", "Bearer not-a-jwt"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")))
                .andExpect(jsonPath("$.detail", containsString("the bearer token was refused")));
        verifyNoInteractions(orders);
    }

    @Test
    void aPlacedOrderIs201WithItsLocationAndView() throws Exception {
        when(placement.place(any())).thenReturn(new Order(6, 1, 2, 3, new BigDecimal("7.50"), OrderStatus.SUCCESS,
                OrderMode.XA, "xid", null, null, "f"));

        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/6"))
                .andExpect(jsonPath("$.orderId").value(6))
                .andExpect(jsonPath("$.status").value("SUCCESS"));
    }

    @Test
    void anOrderForAnotherUserIs403Problem() throws Exception {
        mvc.perform(post("/api/orders").with(jwt().jwt(token -> token.subject("2")))
                        .contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/forbidden"))
                .andExpect(jsonPath("$.title").value("Forbidden"));
        verifyNoInteractions(placement);
    }

    @Test
    void aMissingRequiredFieldIsA400NamingIt() throws Exception {
        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productId\":2,\"mode\":\"XA\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.fields[0]").value("quantity"));
        verifyNoInteractions(placement);
    }

    @Test
    void aBodyThatIsNotJsonIsA400() throws Exception {
        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.APPLICATION_JSON).content("{\"productId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.title").value("Invalid request"));
        verifyNoInteractions(placement);
    }

    @Test
    void aBodyThatIsNotSentAsJsonIs415() throws Exception {
        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.TEXT_PLAIN).content(GOOD))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.title").value("Unsupported media type"))
                .andExpect(jsonPath("$.detail").value("send the body as application/json"));
        verifyNoInteractions(placement);
    }

    @Test
    void anOrderInFlightForTheUserIs409Problem() throws Exception {
        when(placement.place(any())).thenThrow(new OrderInProgress(1));

        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/order-in-progress"))
                .andExpect(jsonPath("$.title").value("Order in progress"));
    }

    @Test
    void anUnexpectedFailureIs500WithATraceIdAndNoneOfItsMessage() throws Exception {
        when(placement.place(any())).thenThrow(new IllegalStateException("jdbc:mysql://10.0.0.7/order_db broke"));

        mvc.perform(post("/api/orders").with(USER_1).contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/internal-error"))
                .andExpect(jsonPath("$.traceId").isString())
                .andExpect(jsonPath("$.detail", not(containsString("jdbc"))));
    }

    @Test
    void anUnknownOrderIs404Problem() throws Exception {
        when(orders.find(9)).thenReturn(Optional.empty());

        mvc.perform(get("/api/orders/9").with(USER_1))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Order not found"))
                .andExpect(jsonPath("$.detail").value("no order with id 9"));
    }

    @Test
    void anOrderCannotBeDeleted405() throws Exception {
        mvc.perform(delete("/api/orders/9").with(USER_1))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.title").value("Method not allowed"))
                .andExpect(jsonPath("$.detail").value("DELETE is not supported here"));
        verifyNoInteractions(orders);
    }
}
