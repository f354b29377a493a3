package org.shopsuite.api.input;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The rules reach an application's own ObjectMapper and path binding just by having shop-api on the classpath. */
class StrictInputTest {

    final WebApplicationContextRunner app = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class, StrictInput.class))
            .withUserConfiguration(Things.class);

    @RestController
    static class Things {
        @GetMapping("/things/{id}")
        String thing(@PathVariable long id) {
            return "thing " + id;
        }
    }

    @Test
    void theApplicationsObjectMapperRefusesAFractionForAnInteger() {
        app.run(context -> assertThatThrownBy(() -> context.getBean(ObjectMapper.class)
                .readValue("{\"userId\":1,\"productId\":1,\"quantity\":1.5}", PlaceOrderRequest.class))
                .isInstanceOf(InvalidFormatException.class));
    }

    @Test
    void anIntegerPathVariableIsBound() {
        app.run(context -> MockMvcBuilders.webAppContextSetup(context).build().perform(get("/things/42"))
                .andExpect(status().isOk()).andExpect(content().string("thing 42")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "+1", "007", "1.5", "abc", "99999999999999999999"})
    void aPathVariableThatIsNotAStrictIntegerIsRefused(String id) {
        app.run(context -> MockMvcBuilders.webAppContextSetup(context).build().perform(get("/things/" + id))
                .andExpect(status().isBadRequest()));
    }
}
