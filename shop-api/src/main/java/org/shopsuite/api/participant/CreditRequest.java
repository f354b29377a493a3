package org.shopsuite.api.participant;

import java.math.BigDecimal;

/** Internal: debit (XA) or reserve (TCC try) this amount of a user's balance. */
public record CreditRequest(BigDecimal amount) {
}
