package org.shopsuite.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.TestingAuthenticationToken;

/** The ownership rules: a user reads and orders for themselves; shop.admin reads everyone's and orders for no one. */
class CallerTest {

    final Caller user7 = new Caller("7", false);
    final Caller operator = new Caller("operator", true);

    @Test
    void aUserReadsOnlyTheirOwn() {
        assertThat(user7.mayRead(7)).isTrue();
        assertThat(user7.mayRead(8)).isFalse();
    }

    @Test
    void anOperatorReadsEveryone() {
        assertThat(operator.mayRead(7)).isTrue();
        assertThat(operator.mayRead(8)).isTrue();
    }

    @Test
    void readingAnotherUsersBalanceIs403() {
        assertThatThrownBy(() -> user7.requireMayRead(8, "the balance"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(p.detail()).contains("user 8");
                });
    }

    @Test
    void anOrderIsTheTokensUsersWhetherTheBodyNamesThemOrNot() {
        assertThat(user7.orderingUser(null)).isEqualTo(7);
        assertThat(user7.orderingUser(7L)).isEqualTo(7);
    }

    @Test
    void anOrderNamingAnotherUserIs403() {
        assertThatThrownBy(() -> user7.orderingUser(8L)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void aSubjectThatIsNoUserIdCannotOrder() {
        assertThatThrownBy(() -> operator.orderingUser(null)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.detail()).contains("not a shop user id"));
        assertThat(new Caller("0", false).userId()).isEmpty();
        assertThat(new Caller("-3", false).userId()).isEmpty();
        assertThat(new Caller("07", false).userId()).isEmpty();
    }

    @Test
    void theAdminScopeComesFromTheTokensAuthorities() {
        assertThat(Callers.of(new TestingAuthenticationToken("5", "n/a", "SCOPE_shop.admin")))
                .isEqualTo(new Caller("5", true));
        assertThat(Callers.of(new TestingAuthenticationToken("5", "n/a", "SCOPE_openid", "ROLE_shop.admin")))
                .isEqualTo(new Caller("5", false));
    }
}
