package org.shopsuite.gateway.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.ratelimit.OrderRateLimiter;
import org.shopsuite.gateway.security.GatewaySecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code shop.bench.enabled=true} (what {@code SHOP_BENCH_ENABLED=true ./stack up} sets) switches it on. */
// the application.yml needs the Redis password (RequiredSecrets); this slice never uses it
@WebMvcTest(controllers = ConstantController.class, properties = {"shop.bench.enabled=true",
        "SHOP_REDIS_PASSWORD=unused-by-this-slice"})
@Import(GatewaySecurity.class) // the gateway's own access rules: the endpoint needs no token
class ConstantEndpointOnTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderRateLimiter orderRateLimiter;

    @Test
    void benchConstantServesAProductShapedBody() throws Exception {
        mvc.perform(get("/bench/constant")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("constant"))
                .andExpect(jsonPath("$.stock").value(100));
    }
}
