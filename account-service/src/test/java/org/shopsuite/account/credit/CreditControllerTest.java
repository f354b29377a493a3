package org.shopsuite.account.credit;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.exception.TransactionExceptionCode;
import org.apache.seata.spring.boot.autoconfigure.SeataHttpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.input.StrictInput;
import org.shopsuite.testfixtures.SignedInternalCalls;
import org.shopsuite.support.internalauth.InternalCallAuthentication;
import org.shopsuite.support.problem.ProblemResponses;
import org.shopsuite.support.security.ServiceSecurity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The XA debit and TCC reservation endpoints order-service calls, as the web layer answers them over mocked branches:
 * only a call signed with the suite's key gets in, only inside a global transaction (TX_XID, bound by Seata's
 * interceptor), with an amount read strictly.
 */
@WebMvcTest(controllers = CreditController.class, properties = {"SHOP_ACCOUNT_DB_PASSWORD=unused-by-the-web-layer",
        "SHOP_INTERNAL_AUTH_KEY=" + CreditControllerTest.KEY})
@ImportAutoConfiguration({StrictInput.class, ProblemResponses.class, ServiceSecurity.class,
        InternalCallAuthentication.class, SeataHttpAutoConfiguration.class})
@Import(PhaseCalls.class)
class CreditControllerTest {

    /** 32 bytes, base64: the suite's key for this test. */
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String XID = "10.0.0.5:8091:4242";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    XaCreditDebit xa;

    @MockitoBean
    CreditReservation tcc;

    /** Where PhaseCalls records the calls applied: a claim goes through unless a test says it was made before. */
    @MockitoBean(name = "jdbcTemplate")
    JdbcTemplate jdbc;

    @Test
    void aCopyOfACallAlreadyAppliedInItsGlobalTransactionIs409AndReachesNoBranch() throws Exception {
        when(jdbc.update(startsWith("INSERT INTO applied_phase_calls"), eq(XID),
                eq("POST /internal/accounts/1/tcc-reservations")))
                .thenThrow(new DuplicateKeyException("Duplicate entry for key 'PRIMARY'"));

        mvc.perform(signed("/internal/accounts/1/tcc-reservations", XID, "{\"amount\":3}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/phase-call-already-applied"));
        verifyNoInteractions(xa, tcc);
    }

    @Test
    void aSignedXaDebitInAGlobalTransactionIs204AndDebits() throws Exception {
        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":7.50}"))
                .andExpect(status().isNoContent());
        verify(xa).debit(1, new BigDecimal("7.50"));
    }

    @Test
    void aSignedTccReservationIs204AndReserves() throws Exception {
        mvc.perform(signed("/internal/accounts/1/tcc-reservations", XID, "{\"amount\":3}"))
                .andExpect(status().isNoContent());
        verify(tcc).reserve(1, new BigDecimal("3"));
    }

    @Test
    void aCallWithoutTheServiceCredentialIs401AndReachesNoBranch() throws Exception {
        mvc.perform(post("/internal/accounts/1/xa-debits").header("TX_XID", XID)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":7.50}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "ShopInternal"))
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/service-credential-required"))
                .andExpect(jsonPath("$.title").value("Service credential required"));
        verifyNoInteractions(xa, tcc);
    }

    @Test
    void aSignatureOfAnotherAmountIs401() throws Exception {
        MockHttpServletRequestBuilder call = signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":0.01}")
                .content("{\"amount\":900.00}");

        mvc.perform(call).andExpect(status().isUnauthorized());
        verifyNoInteractions(xa, tcc);
    }

    @Test
    void aCallOutsideAGlobalTransactionIs400AndDebitsNothing() throws Exception {
        mvc.perform(signed("/internal/accounts/1/xa-debits", null, "{\"amount\":7.50}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/not-in-global-transaction"));
        verifyNoInteractions(xa);
    }

    @Test
    void aTransactionTheCoordinatorDoesNotKnowIs400() throws Exception {
        doThrow(new RuntimeException("branch register failed",
                new TransactionException(TransactionExceptionCode.GlobalTransactionNotExist, "no such xid")))
                .when(xa).debit(anyLong(), any());

        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":7.50}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/unknown-global-transaction"));
    }

    @Test
    void anAmountInTextOrAnUnknownFieldIsA400NamingTheField() throws Exception {
        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":\"7.50\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("amount"));
        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":7.50,\"currency\":\"EUR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0]").value("currency"));
        verifyNoInteractions(xa);
    }

    @Test
    void anAmountBelowACentIsA400AndDebitsNothing() throws Exception {
        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":0.001}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value("amount must be in whole cents (at most 2 decimals), got 0.001"));
        verifyNoInteractions(xa);
    }

    @Test
    void tooLittleBalanceIsA409Problem() throws Exception {
        doThrow(new InsufficientBalance(1, new BigDecimal("5.00"), new BigDecimal("7.50")))
                .when(xa).debit(anyLong(), any());

        mvc.perform(signed("/internal/accounts/1/xa-debits", XID, "{\"amount\":7.50}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/insufficient-balance"))
                .andExpect(jsonPath("$.title").value("Insufficient balance"));
    }

    /** A POST as order-service sends it: signed with the suite's key over this very request. */
    static MockHttpServletRequestBuilder signed(String path, String xid, String body) {
        return SignedInternalCalls.signedPost(KEY, path, xid, body);
    }
}
