package org.shopsuite.api.account;

import java.math.BigDecimal;

/** {@code GET /api/accounts/{userId}}: {@code balance} is what the user can spend now. */
public record AccountView(long userId, BigDecimal balance) {
}
