package org.shopsuite.baseline.order;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders} with order-service's body and response shape; {@code mode} is echoed, not used. The
 * baseline checks no tokens (it measures one local transaction, nothing else), so the body must name the user.
 */
@RestController
class LocalOrderController {

    private final LocalOrderPlacement placement;

    LocalOrderController(LocalOrderPlacement placement) {
        this.placement = placement;
    }

    @PostMapping("/api/orders")
    ResponseEntity<?> place(@Valid @RequestBody PlaceOrderRequest body) {
        if (body.userId() == null) {
            return ResponseEntity.of(ApiProblem.invalidFields("userId is required: the baseline takes no token to"
                    + " read it from", List.of("userId")).body()).build();
        }
        OrderView order = placement.place(body);
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order);
    }
}
