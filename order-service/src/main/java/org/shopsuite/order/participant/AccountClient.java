package org.shopsuite.order.participant;

import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.InternalPaths;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "account", url = "${shop.account.url}", configuration = ParticipantCalls.class)
public interface AccountClient {

    @PostMapping(InternalPaths.XA_CREDIT_DEBIT)
    void debit(@PathVariable("userId") long userId, @RequestBody CreditRequest request);

    @PostMapping(InternalPaths.TCC_CREDIT_RESERVATION)
    void reserveCredit(@PathVariable("userId") long userId, @RequestBody CreditRequest request);
}
