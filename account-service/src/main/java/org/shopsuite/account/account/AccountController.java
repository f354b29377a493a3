package org.shopsuite.account.account;

import org.shopsuite.api.account.AccountView;
import org.shopsuite.api.security.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    static final String ROW_VERSION = "X-Row-Version";

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller's own balance (or anyone's, for {@code shop.admin}); another user's is 403. The row's version goes
     * along in {@code X-Row-Version}, so a cache can order what it read against the binlog.
     */
    @GetMapping("/api/accounts/{userId}")
    ResponseEntity<AccountView> account(@PathVariable long userId) {
        Callers.current().requireMayRead(userId, "the balance");
        Account account = accounts.find(userId).orElseThrow(() -> new AccountNotFound(userId));
        return ResponseEntity.ok().header(ROW_VERSION, String.valueOf(account.version())).body(account.view());
    }
}
