package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.InternalPaths;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal endpoints order-service calls inside its global transaction (XID in the TX_XID header). Only signed calls
 * of the suite's own services get here (service-support's InternalCallAuthentication); each is checked for a valid
 * amount, then runs only as a branch of a global transaction the coordinator knows as begun, and once in it (a copy
 * of a call is refused: {@link PhaseCalls}).
 */
@RestController
class CreditController {

    private final XaCreditDebit xa;
    private final CreditReservation tcc;
    private final PhaseCalls phaseCalls;

    CreditController(XaCreditDebit xa, CreditReservation tcc, PhaseCalls phaseCalls) {
        this.xa = xa;
        this.tcc = tcc;
        this.phaseCalls = phaseCalls;
    }

    /** XA: the XA DataSource registers the branch when the debit's transaction begins, before any SQL. */
    @PostMapping(InternalPaths.XA_CREDIT_DEBIT)
    ResponseEntity<Void> debit(@PathVariable long userId, @RequestBody CreditRequest request) {
        BigDecimal amount = CreditAmount.valid(request.amount());
        phaseCalls.runOnce(() -> xa.debit(userId, amount));
        return ResponseEntity.noContent().build();
    }

    /** TCC try: Seata registers the branch before the try runs; the fence and the reservation follow. */
    @PostMapping(InternalPaths.TCC_CREDIT_RESERVATION)
    ResponseEntity<Void> reserve(@PathVariable long userId, @RequestBody CreditRequest request) {
        BigDecimal amount = CreditAmount.valid(request.amount());
        phaseCalls.runOnce(() -> tcc.reserve(userId, amount));
        return ResponseEntity.noContent().build();
    }
}
