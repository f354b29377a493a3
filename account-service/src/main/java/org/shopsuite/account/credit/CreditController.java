package org.shopsuite.account.credit;

import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.InternalPaths;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Internal endpoints order-service calls inside its global transaction (XID in the TX_XID header). */
@RestController
class CreditController {

    private final XaCreditDebit xa;
    private final CreditReservation tcc;

    CreditController(XaCreditDebit xa, CreditReservation tcc) {
        this.xa = xa;
        this.tcc = tcc;
    }

    @PostMapping(InternalPaths.XA_CREDIT_DEBIT)
    ResponseEntity<Void> debit(@PathVariable long userId, @RequestBody CreditRequest request) {
        xa.debit(userId, request.amount());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(InternalPaths.TCC_CREDIT_RESERVATION)
    ResponseEntity<Void> reserve(@PathVariable long userId, @RequestBody CreditRequest request) {
        tcc.reserve(userId, request.amount());
        return ResponseEntity.noContent().build();
    }
}
