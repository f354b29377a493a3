package org.shopsuite.api.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** Every way a value could be coerced or truncated into an order request is refused, naming the field. */
class StrictJsonTest {

    static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper());

    @Test
    void aWellFormedOrderIsReadAsWritten() throws Exception {
        PlaceOrderRequest order = JSON.readValue("{\"userId\":1,\"productId\":2,\"quantity\":3,\"mode\":\"TCC\"}",
                PlaceOrderRequest.class);

        assertThat(order).isEqualTo(new PlaceOrderRequest(1L, 2L, 3, OrderMode.TCC));
    }

    @Test
    void anExplicitNullModeIsTheSameAsNoMode() throws Exception {
        assertThat(JSON.readValue("{\"userId\":1,\"productId\":2,\"quantity\":3,\"mode\":null}",
                PlaceOrderRequest.class).mode()).isNull();
    }

    @Test
    void decimalAmountsTakeIntegersAndFractionsExactly() throws Exception {
        assertThat(JSON.readValue("{\"amount\":10}", CreditRequest.class).amount()).isEqualByComparingTo("10");
        assertThat(JSON.readValue("{\"amount\":10.25}", CreditRequest.class).amount())
                .isEqualTo(new BigDecimal("10.25"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "quantity  | 1.5",
            "quantity  | 2.0",
            "quantity  | 1e3",
            "quantity  | \"1\"",
            "quantity  | true",
            "quantity  | 2147483648",
            "quantity  | [1]",
            "quantity  | {}",
            "quantity  | \"\"",
            "userId    | 99999999999999999999",
            "userId    | \"7\"",
            "userId    | 7.0",
            "productId | false",
            "productId | -1.5E2",
            "mode      | \"xa\"",
            "mode      | \"Tcc\"",
            "mode      | \"\"",
            "mode      | 0",
            "mode      | true",
            "mode      | \"SAGA\"",
    })
    void aValueOfTheWrongShapeIsA400NamingItsField(String field, String value) {
        String body = "{\"userId\":1,\"productId\":2,\"quantity\":3,\"mode\":\"XA\"}"
                .replaceFirst("\"" + field + "\":(\"[A-Z]+\"|[0-9]+)", "\"" + field + "\":" + value);
        assertThat(body).contains("\"" + field + "\":" + value);

        assertRefused(body, field);
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        assertRefused("{\"userId\":1,\"productId\":2,\"quantity\":3,\"mdoe\":\"TCC\"}", "mdoe");
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertRefused("{\"userId\":1,\"productId\":2,\"quantity\":3,\"quantity\":500}", "quantity");
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        assertThatThrownBy(() -> JSON.readValue("{\"userId\":1,\"productId\":2,\"quantity\":3} {}",
                PlaceOrderRequest.class)).isInstanceOf(JsonProcessingException.class);
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> JSON.readValue(body, PlaceOrderRequest.class))
                .isInstanceOfSatisfying(JsonProcessingException.class, e -> {
                    ApiProblem problem = StrictJson.problemFor(e);
                    assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(problem.detail()).contains(field);
                    assertThat(problem.body().getProperties()).containsEntry("fields", java.util.List.of(field));
                });
    }
}
