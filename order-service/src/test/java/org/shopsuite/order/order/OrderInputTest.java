package org.shopsuite.order.order;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

/**
 * order-service's public order endpoints with the suite's real input plumbing (StrictInput, ProblemResponses): every
 * bad value is a 400 naming the field, and nothing reaches the placement.
 */
class OrderInputTest {

    static final String GOOD = "{\"userId\":1,\"productId\":2,\"quantity\":3,\"mode\":\"XA\"}";

    final OrderEndpoints endpoints = new OrderEndpoints();
    final OrderPlacement placement = endpoints.placement;
    final OrderRepository orders = endpoints.orders;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "quantity  | 1.5", "quantity  | 2.0", "quantity  | 1e3", "quantity  | \"1\"", "quantity  | true",
            "quantity  | 2147483648", "quantity  | null", "quantity  | 0", "quantity  | 1001",
            "userId    | 99999999999999999999", "userId    | \"7\"", "productId | -1", "productId | 1.0",
            "mode      | \"xa\"", "mode      | \"\"", "mode      | 1",
    })
    void aBadValueIsA400NamingTheFieldAndPlacesNothing(String field, String value) {
        String body = GOOD.replaceFirst("\"" + field + "\":(\"[A-Z]+\"|[0-9]+)", "\"" + field + "\":" + value);

        mvc(mvc -> perform(mvc, post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value(field)));
        verifyNoInteractions(placement);
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        mvc(mvc -> perform(mvc, post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\":1,\"productId\":2,\"quantity\":3,\"mdoe\":\"TCC\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("mdoe")));
        verifyNoInteractions(placement);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "é",
            "12345678901234567890123456789012345678901234567890123456789012345"})
    void aBadIdempotencyKeyIsA400(String key) {
        mvc(mvc -> perform(mvc, post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD)
                .header("Idempotency-Key", key))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("Idempotency-Key")));
        verifyNoInteractions(placement);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "99999999999999999999", "0x10", "+1", "007"})
    void aPathIdThatIsNotAnIntegerIsA400(String id) {
        mvc(mvc -> perform(mvc, get("/api/orders/" + id))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("orderId")));
        verifyNoInteractions(orders);
    }

    @Test
    void lookingUpByKeyNeedsAValidKey() {
        mvc(mvc -> {
            perform(mvc, get("/api/orders")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.fields[0]").value("idempotencyKey"));
            perform(mvc, get("/api/orders").param("idempotencyKey", "no good"))
                    .andExpect(status().isBadRequest());
        });
        verifyNoInteractions(orders);
    }

    @Test
    void aPendingOrderIsAnswered202WithItsLocation() {
        when(placement.place(any())).thenReturn(new Order(5, 1, 2, 3, BigDecimal.ZERO, OrderStatus.PENDING,
                OrderMode.XA, "xid", null, "k", "f"));

        mvc(mvc -> perform(mvc, post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/5"))
                .andExpect(jsonPath("$.status").value("PENDING")));
    }

    @Test
    void aPlacedOrderIsAnswered201() {
        when(placement.place(any())).thenReturn(new Order(6, 1, 2, 3, new BigDecimal("7.50"), OrderStatus.SUCCESS,
                OrderMode.XA, "xid", null, null, "f"));

        mvc(mvc -> perform(mvc, post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/6")));
    }

    /** As user 1 (the token's subject). */
    private void mvc(OrderEndpoints.MvcCheck check) {
        endpoints.as(new TestingAuthenticationToken("1", "n/a", "SCOPE_openid"), check);
    }

    private static org.springframework.test.web.servlet.ResultActions perform(MockMvc mvc,
            org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request);
    }
}
