package org.shopsuite.inventory.product;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shopsuite.support.snapshot.SnapshotReads.Snapshot;
import org.shopsuite.api.input.StrictInput;
import org.shopsuite.support.problem.ProblemResponses;
import org.shopsuite.support.security.ServiceSecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The public product read as the web layer answers it over a mocked repository: open to anyone (the service's
 * {@code shop.security.public-gets}), with the binlog position of its read, and problems for what it cannot serve.
 */
@WebMvcTest(controllers = ProductController.class, properties = "SHOP_INVENTORY_DB_PASSWORD=unused-by-the-web-layer")
@ImportAutoConfiguration({StrictInput.class, ProblemResponses.class, ServiceSecurity.class})
class ProductControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProductRepository products;

    @Test
    void aProductIsReadWithoutATokenWithItsBinlogPosition() throws Exception {
        when(products.findInSnapshot(2)).thenReturn(
                new Snapshot<>(Optional.of(new Product(2, "pen", new BigDecimal("2.50"), 10, 1)),
                        Optional.of("mysql-bin.000003:1134")));

        mvc.perform(get("/api/products/2"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Binlog-Position", "mysql-bin.000003:1134"))
                .andExpect(jsonPath("$.productId").value(2))
                .andExpect(jsonPath("$.name").value("pen"))
                .andExpect(jsonPath("$.stock").value(10));
    }

    @Test
    void aMissingProductIsA404Problem() throws Exception {
        when(products.findInSnapshot(2)).thenReturn(
                new Snapshot<>(Optional.empty(), Optional.of("mysql-bin.000003:1134")));

        mvc.perform(get("/api/products/2"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/not-found"))
                .andExpect(jsonPath("$.title").value("Product not found"))
                .andExpect(jsonPath("$.detail").value("no product with id 2"));
    }

    @Test
    void aProductIdThatIsNotAStrictIntegerIsA400NamingIt() throws Exception {
        mvc.perform(get("/api/products/0x10"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("productId"))
                .andExpect(jsonPath("$.detail").value("productId must be an integer (decimal digits, no sign but"
                        + " '-', no leading zeros, in range), got '0x10'"));
        verifyNoInteractions(products);
    }

    @Test
    void onlyReadsArePublicAWriteNeedsAToken() throws Exception {
        mvc.perform(post("/api/products/2"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        verifyNoInteractions(products);
    }

    @Test
    void aPathWithNothingAtItIsA404Problem() throws Exception {
        mvc.perform(get("/no-such-thing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("no resource at /no-such-thing"));
    }
}
