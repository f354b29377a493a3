package org.shopsuite.order.participant;

import org.shopsuite.api.participant.InternalPaths;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

@FeignClient(name = "inventory", url = "${shop.inventory.url}", configuration = ParticipantCalls.class)
public interface InventoryClient {

    @PostMapping(InternalPaths.XA_STOCK_DEDUCTION)
    StockTaken deductStock(@PathVariable("productId") long productId, @RequestBody StockRequest request);

    @PostMapping(InternalPaths.TCC_STOCK_RESERVATION)
    StockTaken reserveStock(@PathVariable("productId") long productId, @RequestBody StockRequest request);
}
