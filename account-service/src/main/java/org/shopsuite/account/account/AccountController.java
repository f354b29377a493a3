package org.shopsuite.account.account;

import org.shopsuite.api.account.AccountView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/accounts/{userId}")
    AccountView account(@PathVariable long userId) {
        return accounts.find(userId).map(Account::view).orElseThrow(() -> new AccountNotFound(userId));
    }
}
