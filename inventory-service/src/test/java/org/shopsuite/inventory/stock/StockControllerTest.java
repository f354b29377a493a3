package org.shopsuite.inventory.stock;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import org.apache.seata.spring.boot.autoconfigure.SeataHttpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.input.StrictInput;
import org.shopsuite.api.internalauth.InternalCallSignature;
import org.shopsuite.testfixtures.SignedInternalCalls;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.support.internalauth.InternalCallAuthentication;
import org.shopsuite.support.problem.ProblemResponses;
import org.shopsuite.support.security.ServiceSecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The XA deduction and TCC reservation endpoints order-service calls, as the web layer answers them over mocked
 * branches: signed calls only, inside a global transaction, with a quantity read strictly.
 */
@WebMvcTest(controllers = StockController.class, properties = {"SHOP_INVENTORY_DB_PASSWORD=unused-by-the-web-layer",
        "SHOP_INTERNAL_AUTH_KEY=" + StockControllerTest.KEY})
@ImportAutoConfiguration({StrictInput.class, ProblemResponses.class, ServiceSecurity.class,
        InternalCallAuthentication.class, SeataHttpAutoConfiguration.class})
@Import(PhaseCalls.class)
class StockControllerTest {

    /** 32 bytes, base64: the suite's key for this test. */
    static final String KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    static final String XID = "10.0.0.5:8091:4343";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    XaStockDeduction xa;

    @MockitoBean
    StockReservation tcc;

    /** Where PhaseCalls records the calls applied (service-support; CreditControllerTest checks a repeated one). */
    @MockitoBean(name = "jdbcTemplate")
    JdbcTemplate jdbc;

    @Test
    void aSignedXaDeductionAnswersWhatWasTakenAtWhatPrice() throws Exception {
        when(xa.deduct(2, 3)).thenReturn(new StockTaken(2, 3, new BigDecimal("2.50")));

        mvc.perform(signed("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":3}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.productId").value(2))
                .andExpect(jsonPath("$.quantity").value(3))
                .andExpect(jsonPath("$.unitPrice").value(2.50));
    }

    @Test
    void aSignedTccReservationAnswersWhatWasReserved() throws Exception {
        when(tcc.reserve(2, 1)).thenReturn(new StockTaken(2, 1, new BigDecimal("2.50")));

        mvc.perform(signed("/internal/inventory/2/tcc-reservations", XID, "{\"quantity\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.quantity").value(1));
    }

    @Test
    void aCallWithoutTheServiceCredentialIs401AndReachesNoBranch() throws Exception {
        mvc.perform(post("/internal/inventory/2/xa-deductions").header("TX_XID", XID)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":3}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "ShopInternal"))
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/service-credential-required"));
        verifyNoInteractions(xa, tcc);
    }

    @Test
    void aSignatureForAnotherProductIs401() throws Exception {
        String forProduct2 = signature("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":3}");

        mvc.perform(post("/internal/inventory/3/xa-deductions").header(InternalCallSignature.HEADER, forProduct2)
                        .header("TX_XID", XID).contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":3}"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(xa, tcc);
    }

    @Test
    void aCallOutsideAGlobalTransactionIs400AndReservesNothing() throws Exception {
        mvc.perform(signed("/internal/inventory/2/tcc-reservations", null, "{\"quantity\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/not-in-global-transaction"));
        verifyNoInteractions(tcc);
    }

    @Test
    void aQuantityThatIsNotAnIntegerOrIsMissingIsA400NamingIt() throws Exception {
        mvc.perform(signed("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("quantity"));
        mvc.perform(signed("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":null}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("quantity"));
        verifyNoInteractions(xa);
    }

    @Test
    void aQuantityOutOfRangeIsA400AndTakesNothing() throws Exception {
        mvc.perform(signed("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":-4}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("quantity must be between 1 and 1000, got -4"));
        verifyNoInteractions(xa);
    }

    @Test
    void tooLittleStockIsA409Problem() throws Exception {
        when(xa.deduct(anyLong(), anyInt())).thenThrow(new OutOfStock(2, 1, 3));

        mvc.perform(signed("/internal/inventory/2/xa-deductions", XID, "{\"quantity\":3}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/out-of-stock"))
                .andExpect(jsonPath("$.title").value("Out of stock"));
    }

    /** A POST as order-service sends it: signed with the suite's key over this very request. */
    static MockHttpServletRequestBuilder signed(String path, String xid, String body) {
        return SignedInternalCalls.signedPost(KEY, path, xid, body);
    }

    static String signature(String path, String xid, String body) {
        return SignedInternalCalls.signature(KEY, path, xid, body);
    }
}
