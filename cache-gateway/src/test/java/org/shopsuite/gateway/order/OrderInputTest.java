package org.shopsuite.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.shopsuite.api.input.StrictInput;
import org.shopsuite.gateway.web.GatewayProblems;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The gateway, the public entry, applies the suite's input rules itself: a bad order never reaches order-service;
 * a good one goes out with an Idempotency-Key, the client's or one the gateway makes and returns.
 */
class OrderInputTest {

    static final String GOOD = "{\"userId\":1,\"productId\":2,\"quantity\":3,\"mode\":\"XA\"}";

    final OrderForwarder forwarder = mock(OrderForwarder.class);
    final WebApplicationContextRunner app = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    ValidationAutoConfiguration.class, StrictInput.class))
            .withUserConfiguration(GatewayProblems.class, OrderController.class)
            .withBean(OrderForwarder.class, () -> forwarder);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "quantity  | 1.5", "quantity  | 2.0", "quantity  | 1e3", "quantity  | \"1\"", "quantity  | true",
            "quantity  | 2147483648", "quantity  | null", "quantity  | 0", "quantity  | 1001",
            "userId    | 99999999999999999999", "userId    | \"7\"", "productId | -1", "productId | 1.0",
            "mode      | \"xa\"", "mode      | \"\"", "mode      | 1",
    })
    void aBadValueIsA400NamingTheFieldAndIsNotForwarded(String field, String value) {
        String body = GOOD.replaceFirst("\"" + field + "\":(\"[A-Z]+\"|[0-9]+)", "\"" + field + "\":" + value);

        mvc(mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.fields[0]").value(field)));
        verifyNoInteractions(forwarder);
    }

    @Test
    void anUnknownOrRepeatedFieldIsA400NamingIt() {
        mvc(mvc -> {
            mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"userId\":1,\"productId\":2,\"quantity\":3,\"mdoe\":\"TCC\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0]").value("mdoe"));
            mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"userId\":1,\"productId\":2,\"quantity\":3,\"quantity\":900}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0]").value("quantity"));
        });
        verifyNoInteractions(forwarder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon",
            "12345678901234567890123456789012345678901234567890123456789012345"})
    void aBadIdempotencyKeyIsA400(String key) {
        mvc(mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD)
                        .header("Idempotency-Key", key))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("Idempotency-Key")));
        verifyNoInteractions(forwarder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "99999999999999999999", "0x10", "+1", "007"})
    void anOrderIdThatIsNotAnIntegerIsA400(String id) {
        mvc(mvc -> mvc.perform(get("/api/orders/" + id))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("orderId")));
        verifyNoInteractions(forwarder);
    }

    @Test
    void anOrderWithoutKeyGoesOutWithOneTheGatewayMadeAndReturns() {
        when(forwarder.forward(any())).thenReturn(new ForwardedResponse(202,
                "{\"orderId\":9,\"status\":\"PENDING\"}".getBytes(StandardCharsets.UTF_8), "application/json",
                "/api/orders/9"));

        mvc(mvc -> mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(GOOD))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/9"))
                .andExpect(header().string("Idempotency-Key", org.hamcrest.Matchers.startsWith("gw-"))));
        ArgumentCaptor<ForwardedRequest> sent = ArgumentCaptor.forClass(ForwardedRequest.class);
        verify(forwarder).forward(sent.capture());
        assertThat(sent.getValue().idempotencyKey()).startsWith("gw-");
        assertThat(sent.getValue().safeToRepeat()).isTrue();
        assertThat(new String(sent.getValue().body(), StandardCharsets.UTF_8)).isEqualTo(GOOD);
    }

    @Test
    void anOrderIsLookedUpByItsKey() {
        when(forwarder.forward(any())).thenReturn(new ForwardedResponse(200, "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", null));

        mvc(mvc -> mvc.perform(get("/api/orders").param("idempotencyKey", "abc-1")
                .header("Authorization", "Bearer the-callers-token")).andExpect(status().isOk()));
        ArgumentCaptor<ForwardedRequest> sent = ArgumentCaptor.forClass(ForwardedRequest.class);
        verify(forwarder).forward(sent.capture());
        assertThat(sent.getValue().path()).isEqualTo("/api/orders?idempotencyKey=abc-1");
        // order-service applies the ownership rules to the caller's own token
        assertThat(sent.getValue().authorization()).isEqualTo("Bearer the-callers-token");
    }

    interface MvcCheck {
        void check(MockMvc mvc) throws Exception;
    }

    private void mvc(MvcCheck check) {
        app.run(context -> check.check(MockMvcBuilders.webAppContextSetup(context).build()));
    }
}
