package org.shopsuite.account;

import org.springframework.boot.SpringApplication;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** account-service: owns account_db; serves balances; takes part in orders as an XA branch or TCC participant. */
@SpringBootApplication
@Import(PhaseCalls.class)
public class AccountServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccountServiceApplication.class, args);
    }
}
