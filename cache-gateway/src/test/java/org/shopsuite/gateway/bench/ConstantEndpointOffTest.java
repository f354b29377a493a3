package org.shopsuite.gateway.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.ratelimit.OrderRateLimiter;
import org.shopsuite.gateway.security.GatewaySecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Without {@code shop.bench.enabled=true} the benchmark's constant endpoint does not exist. */
// the application.yml needs the Redis password (RequiredSecrets); this slice never uses it
@WebMvcTest(controllers = ConstantController.class, properties = "SHOP_REDIS_PASSWORD=unused-by-this-slice")
@Import(GatewaySecurity.class) // the gateway's own access rules: the endpoint needs no token
class ConstantEndpointOffTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderRateLimiter orderRateLimiter;

    @Test
    void benchConstantIsNotRoutedUnlessTheBenchmarkAsksForIt() throws Exception {
        mvc.perform(get("/bench/constant")).andExpect(status().isNotFound());
    }
}
