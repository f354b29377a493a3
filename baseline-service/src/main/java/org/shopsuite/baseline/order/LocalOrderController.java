package org.shopsuite.baseline.order;

import jakarta.validation.Valid;
import java.net.URI;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders} with order-service's body and response shape; {@code mode} is echoed, not used. */
@RestController
class LocalOrderController {

    private final LocalOrderPlacement placement;

    LocalOrderController(LocalOrderPlacement placement) {
        this.placement = placement;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest body) {
        OrderView order = placement.place(body);
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order);
    }
}
