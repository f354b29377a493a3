package org.shopsuite.order.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;

/** Whose orders a token may place and read: its own user's; an operator (shop.admin) reads anyone's. */
class OrderOwnershipTest {

    static final String GOOD = OrderInputTest.GOOD;

    static final TestingAuthenticationToken USER_1 = new TestingAuthenticationToken("1", "n/a", "SCOPE_openid");
    static final TestingAuthenticationToken USER_2 = new TestingAuthenticationToken("2", "n/a", "SCOPE_openid");
    static final TestingAuthenticationToken OPERATOR =
            new TestingAuthenticationToken("operator", "n/a", "SCOPE_shop.admin");

    static final Order ORDER_OF_USER_1 = new Order(9, 1, 2, 3, new BigDecimal("7.50"), OrderStatus.SUCCESS,
            OrderMode.XA, "xid", null, "key-9", "f");

    final OrderEndpoints endpoints = new OrderEndpoints();
    final OrderPlacement placement = endpoints.placement;
    final OrderRepository orders = endpoints.orders;

    @Test
    void anOrderWithoutUserIdIsPlacedForTheTokensUser() {
        when(placement.place(any())).thenReturn(ORDER_OF_USER_1);

        endpoints.as(USER_1, mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"productId\":2,\"quantity\":3,\"mode\":\"XA\"}"))
                .andExpect(status().isCreated()));

        ArgumentCaptor<OrderRequest> placed = ArgumentCaptor.forClass(OrderRequest.class);
        verify(placement).place(placed.capture());
        assertThat(placed.getValue().userId()).isEqualTo(1);
    }

    @Test
    void anOrderForAnotherUserIs403AndPlacesNothing() {
        endpoints.as(USER_2, mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/forbidden")));
        verifyNoInteractions(placement);
    }

    @Test
    void anOperatorCannotOrderForAUserEither() {
        endpoints.as(OPERATOR, mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isForbidden()));
        verifyNoInteractions(placement);
    }

    @Test
    void anotherUsersOrderIsNotFoundByIdNorByKey() {
        when(orders.find(9)).thenReturn(Optional.of(ORDER_OF_USER_1));
        when(orders.findByIdempotencyKey(1, "key-9")).thenReturn(Optional.of(ORDER_OF_USER_1));

        endpoints.as(USER_2, mvc -> {
            mvc.perform(get("/api/orders/9")).andExpect(status().isNotFound());
            mvc.perform(get("/api/orders").param("idempotencyKey", "key-9")).andExpect(status().isNotFound());
            // naming the owner does not help either
            mvc.perform(get("/api/orders").param("idempotencyKey", "key-9").param("userId", "1"))
                    .andExpect(status().isNotFound());
        });
    }

    @Test
    void aKeyIsLookedUpAmongTheCallersOwnOrdersOnly() {
        when(orders.findByIdempotencyKey(1, "key-9")).thenReturn(Optional.of(ORDER_OF_USER_1));

        endpoints.as(USER_1, mvc -> mvc.perform(get("/api/orders").param("idempotencyKey", "key-9"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.orderId").value(9)));
        verify(orders, never()).findAllByIdempotencyKey(anyString(), anyInt());
    }

    @Test
    void anOperatorReadsAUsersOrderByKeyNamingTheUserOrTheOnlyOneWithThatKey() {
        when(orders.findByIdempotencyKey(1, "key-9")).thenReturn(Optional.of(ORDER_OF_USER_1));
        when(orders.findAllByIdempotencyKey("key-9", 2)).thenReturn(List.of(ORDER_OF_USER_1));
        when(orders.findAllByIdempotencyKey("key-7", 2)).thenReturn(List.of(ORDER_OF_USER_1, ORDER_OF_USER_1));

        endpoints.as(OPERATOR, mvc -> {
            mvc.perform(get("/api/orders").param("idempotencyKey", "key-9").param("userId", "1"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.userId").value(1));
            mvc.perform(get("/api/orders").param("idempotencyKey", "key-9"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.orderId").value(9));
            mvc.perform(get("/api/orders").param("idempotencyKey", "key-7"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0]").value("userId"));
        });
    }

    @Test
    void theOwnerAndAnOperatorReadTheOrder() {
        when(orders.find(9)).thenReturn(Optional.of(ORDER_OF_USER_1));

        endpoints.as(USER_1, mvc -> mvc.perform(get("/api/orders/9")).andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(9)));
        endpoints.as(OPERATOR, mvc -> mvc.perform(get("/api/orders/9")).andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(1)));
    }
}
