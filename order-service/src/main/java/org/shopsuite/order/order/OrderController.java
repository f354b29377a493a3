package org.shopsuite.order.order;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Pattern;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.order.placement.OrderPlacement;
import org.shopsuite.order.placement.OrderRequest;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final OrderMode defaultMode;

    OrderController(OrderPlacement placement, OrderRepository orders,
                    @Value("${shop.order.default-mode:XA}") OrderMode defaultMode) {
        this.placement = placement;
        this.orders = orders;
        this.defaultMode = defaultMode;
    }

    @PostMapping("/api/orders")
    ResponseEntity<OrderView> place(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @Valid @RequestBody PlaceOrderRequest body) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "header Idempotency-Key must be 1-64 characters of [A-Za-z0-9_-]");
        }
        OrderRequest request = new OrderRequest(body.userId(), body.productId(), body.quantity(),
                body.mode() != null ? body.mode() : defaultMode, idempotencyKey);
        Order order = placement.place(request);
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order.view());
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable long orderId) {
        return orders.find(orderId).map(Order::view).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                ProblemTypes.NOT_FOUND, "Order not found", "no order with id " + orderId));
    }
}
