package org.shopsuite.account.account;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The balance read as the web layer answers it, with the service's own security and problem handling over a mocked
 * repository: a bearer token is needed, a token reads only its own user's balance (an operator's, anyone's).
 */
@WebMvcTest(controllers = AccountController.class, properties = "SHOP_ACCOUNT_DB_PASSWORD=unused-by-the-web-layer")
@ImportAutoConfiguration({StrictInput.class, ProblemResponses.class, ServiceSecurity.class})
class AccountControllerTest {

    static final Account ACCOUNT_OF_USER_1 = new Account(1, new BigDecimal("100.00"), BigDecimal.ZERO);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AccountRepository accounts;

    @Test
    void withoutATokenTheBalanceIs401WithABearerChallengeAndAProblem() throws Exception {
        mvc.perform(get("/api/accounts/1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(header().string("Content-Type", "application/problem+json;charset=UTF-8"))
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/unauthenticated"))
                .andExpect(jsonPath("$.title").value("Authentication required"));
        verifyNoInteractions(accounts);
    }

    @Test
    void theOwnerReadsTheBalanceWithItsBinlogPosition() throws Exception {
        when(accounts.findInSnapshot(1)).thenReturn(
                new Snapshot<>(Optional.of(ACCOUNT_OF_USER_1), Optional.of("mysql-bin.000003:1134")));

        mvc.perform(get("/api/accounts/1").with(jwt().jwt(token -> token.subject("1"))))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Binlog-Position", "mysql-bin.000003:1134"))
                .andExpect(jsonPath("$.userId").value(1))
                .andExpect(jsonPath("$.balance").value(100.00));
    }

    @Test
    void anotherUsersBalanceIs403AndIsNotRead() throws Exception {
        mvc.perform(get("/api/accounts/1").with(jwt().jwt(token -> token.subject("2"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/forbidden"))
                .andExpect(jsonPath("$.title").value("Forbidden"));
        verifyNoInteractions(accounts);
    }

    @Test
    void anOperatorReadsAnyonesBalance() throws Exception {
        when(accounts.findInSnapshot(1)).thenReturn(
                new Snapshot<>(Optional.of(ACCOUNT_OF_USER_1), Optional.of("mysql-bin.000003:1134")));

        mvc.perform(get("/api/accounts/1").with(jwt().jwt(token -> token.subject("operator"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_shop.admin"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(1));
    }

    @Test
    void aMissingAccountIsA404Problem() throws Exception {
        when(accounts.findInSnapshot(1)).thenReturn(
                new Snapshot<>(Optional.empty(), Optional.of("mysql-bin.000003:1134")));

        mvc.perform(get("/api/accounts/1").with(jwt().jwt(token -> token.subject("1"))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/not-found"))
                .andExpect(jsonPath("$.title").value("Account not found"))
                .andExpect(jsonPath("$.detail").value("no account for user 1"));
    }

    @Test
    void aUserIdThatIsNotAStrictIntegerIsA400NamingIt() throws Exception {
        mvc.perform(get("/api/accounts/01").with(jwt().jwt(token -> token.subject("1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shopsuite.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.fields[0]").value("userId"));
        verifyNoInteractions(accounts);
    }
}
