package org.shopsuite.order.order;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.shopsuite.api.order.IdempotencyKeys;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.security.Caller;
import org.shopsuite.api.security.Callers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders of the caller's own user: placed for the token's user (a body naming another is refused, 403), read by their
 * owner or an operator ({@code shop.admin}). Another user's order reads as not found, so its existence is not revealed.
 */
@RestController
class OrderController {

    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final OrderMode defaultMode;

    OrderController(OrderPlacement placement, OrderRepository orders,
                    @Value("${shop.order.default-mode:XA}") OrderMode defaultMode) {
        this.placement = placement;
        this.orders = orders;
        this.defaultMode = defaultMode;
    }

    /** 201 once the order is placed; 202 while its outcome is decided but not yet settled (it stays PENDING). */
    @PostMapping("/api/orders")
    ResponseEntity<OrderView> place(@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
                                    @Valid @RequestBody PlaceOrderRequest body) {
        IdempotencyKeys.check(IdempotencyKeys.HEADER, idempotencyKey);
        long userId = Callers.current().orderingUser(body.userId());
        OrderRequest request = new OrderRequest(userId, body.productId(), body.quantity(),
                body.mode() != null ? body.mode() : defaultMode, idempotencyKey);
        Order order = placement.place(request);
        URI location = URI.create("/api/orders/" + order.orderId());
        return order.status() == OrderStatus.PENDING
                ? ResponseEntity.accepted().location(location).body(order.view())
                : ResponseEntity.created(location).body(order.view());
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@PathVariable long orderId) {
        Caller caller = Callers.current();
        return orders.find(orderId).filter(order -> caller.mayRead(order.userId())).map(Order::view).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                ProblemTypes.NOT_FOUND, "Order not found", "no order with id " + orderId));
    }

    /**
     * The caller's order placed with this Idempotency-Key: how a client that got no answer learns what became of it.
     * Keys belong to their user, so another user's order with the same key reads as not found. An operator
     * ({@code shop.admin}) names the user with {@code userId}, or gets the one order any user placed with that key.
     */
    @GetMapping("/api/orders")
    OrderView orderByIdempotencyKey(@RequestParam String idempotencyKey,
                                    @RequestParam(required = false) Long userId) {
        IdempotencyKeys.check("idempotencyKey", idempotencyKey);
        Caller caller = Callers.current();
        if (userId != null && !caller.mayRead(userId)) {
            throw notFoundByKey(idempotencyKey);
        }
        Optional<Order> own = userId != null ? orders.findByIdempotencyKey(userId, idempotencyKey)
                : caller.userId().isPresent() ? orders.findByIdempotencyKey(caller.userId().getAsLong(), idempotencyKey)
                : Optional.empty();
        if (own.isPresent() || userId != null || !caller.admin()) {
            return own.map(Order::view).orElseThrow(() -> notFoundByKey(idempotencyKey));
        }
        List<Order> anyUsers = orders.findAllByIdempotencyKey(idempotencyKey, 2);
        if (anyUsers.size() > 1) {
            throw ApiProblem.invalidFields("several users placed orders with Idempotency-Key " + idempotencyKey
                    + "; name the user with userId", List.of("userId"));
        }
        return anyUsers.stream().findFirst().map(Order::view).orElseThrow(() -> notFoundByKey(idempotencyKey));
    }

    private static ApiProblem notFoundByKey(String idempotencyKey) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Order not found",
                "no order was placed with Idempotency-Key " + idempotencyKey);
    }
}
