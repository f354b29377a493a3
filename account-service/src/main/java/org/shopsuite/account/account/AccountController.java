package org.shopsuite.account.account;

import org.shopsuite.api.account.AccountView;
import org.shopsuite.api.catalog.OwnerReads;
import org.shopsuite.api.security.Callers;
import org.shopsuite.support.snapshot.SnapshotReads.Snapshot;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller's own balance (or anyone's, for {@code shop.admin}); another user's is 403. Read in a consistent
     * snapshot whose binlog position goes along in {@code X-Binlog-Position}, so a cache can order what it read
     * against the binlog's changes.
     */
    @GetMapping("/api/accounts/{userId}")
    ResponseEntity<AccountView> account(@PathVariable long userId) {
        Callers.current().requireMayRead(userId, "the balance");
        Snapshot<Account> read = accounts.findInSnapshot(userId);
        Account account = read.row().orElseThrow(() -> new AccountNotFound(userId));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        read.binlogPosition().ifPresent(position -> answer.header(OwnerReads.BINLOG_POSITION_HEADER, position));
        return answer.body(account.view());
    }
}
