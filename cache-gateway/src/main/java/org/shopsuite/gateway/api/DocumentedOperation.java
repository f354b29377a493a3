package org.shopsuite.gateway.api;

import static org.shopsuite.gateway.api.ApiDocumentation.bearer;
import static org.shopsuite.gateway.api.ApiDocumentation.header;
import static org.shopsuite.gateway.api.ApiDocumentation.idempotencyKeyHeader;
import static org.shopsuite.gateway.api.ApiDocumentation.json;
import static org.shopsuite.gateway.api.ApiDocumentation.pathId;
import static org.shopsuite.gateway.api.ApiDocumentation.placeOrderBody;
import static org.shopsuite.gateway.api.ApiDocumentation.problems;
import static org.shopsuite.gateway.api.ApiDocumentation.responses;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** What one operation of the public API takes and answers, problems included. */
record DocumentedOperation(HttpMethod method, String path, Consumer<Operation> description) {

    private static final String ORDER_EXAMPLE = "{\"orderId\":1,\"userId\":1,\"productId\":1,\"quantity\":2,"
            + "\"amount\":20.00,\"status\":\"SUCCESS\",\"mode\":\"XA\",\"xid\":\"127.0.0.1:8091:2753984758\","
            + "\"failureReason\":null}";
    private static final String X_CACHE = "Where the value came from: L1 (this gateway's memory), L2 (Redis) or MISS"
            + " (the owning service)";

    static final List<DocumentedOperation> ALL = List.of(
            new DocumentedOperation(HttpMethod.GET, "/api/products/{productId}", operation -> operation
                    .summary("A product, from the two-level cache")
                    .description("Public. Fresh within 1 s of a committed change (README, Caches).")
                    .parameters(new ArrayList<>(List.of(pathId("productId", "the product's id"))))
                    .responses(responses(withProblems(Map.of(
                            "200", json("The product", "ProductView",
                                    "{\"productId\":1,\"name\":\"Product A\",\"price\":10.00,\"stock\":100}")
                                    .addHeaderObject("X-Cache", header(X_CACHE))),
                            Problems.INVALID_REQUEST, Problems.NOT_FOUND, Problems.INTERNAL_ERROR,
                            Problems.SERVICE_UNAVAILABLE)))),
            new DocumentedOperation(HttpMethod.GET, "/api/accounts/{userId}", operation -> operation
                    .summary("A user's balance, from the two-level cache")
                    .description("Only the token's own user, or a token with scope shop.admin.")
                    .addSecurityItem(bearer())
                    .parameters(new ArrayList<>(List.of(pathId("userId", "the user's id"))))
                    .responses(responses(withProblems(Map.of(
                            "200", json("The balance", "AccountView", "{\"userId\":1,\"balance\":1000.00}")
                                    .addHeaderObject("X-Cache", header(X_CACHE))),
                            Problems.INVALID_REQUEST, Problems.UNAUTHENTICATED, Problems.FORBIDDEN, Problems.NOT_FOUND,
                            Problems.INTERNAL_ERROR, Problems.SERVICE_UNAVAILABLE)))),
            new DocumentedOperation(HttpMethod.POST, "/api/orders", operation -> operation
                    .summary("Place an order in one global transaction (XA or TCC)")
                    .description("For the token's user. Charges the balance and takes the stock together, or"
                            + " neither. `mode` defaults to the configured one.")
                    .addSecurityItem(bearer())
                    .parameters(new ArrayList<>(List.of(idempotencyKeyHeader())))
                    .requestBody(placeOrderBody())
                    .responses(responses(withProblems(Map.of(
                            "201", json("Placed", "OrderView", ORDER_EXAMPLE)
                                    .addHeaderObject("Location", header("/api/orders/{orderId}"))
                                    .addHeaderObject("Idempotency-Key", header("the order's key")),
                            "202", json("Decided, not yet finished: the order converges to SUCCESS or FAILED",
                                    "OrderView", ORDER_EXAMPLE.replace("SUCCESS", "PENDING"))
                                    .addHeaderObject("Location", header("/api/orders/{orderId}"))),
                            Problems.INVALID_REQUEST, Problems.UNAUTHENTICATED, Problems.FORBIDDEN,
                            Problems.NOT_FOUND, Problems.INSUFFICIENT_BALANCE, Problems.OUT_OF_STOCK,
                            Problems.ORDER_IN_PROGRESS, Problems.PAYLOAD_TOO_LARGE, Problems.IDEMPOTENCY_KEY_REUSED,
                            Problems.RATE_LIMITED, Problems.INTERNAL_ERROR, Problems.SERVICE_UNAVAILABLE)))),
            new DocumentedOperation(HttpMethod.GET, "/api/orders/{orderId}", operation -> operation
                    .summary("An order")
                    .description("Only the token's own user's (another user's is 404), or any with scope shop.admin.")
                    .addSecurityItem(bearer())
                    .parameters(new ArrayList<>(List.of(pathId("orderId", "the order's id"))))
                    .responses(responses(withProblems(Map.of("200", json("The order", "OrderView", ORDER_EXAMPLE)),
                            Problems.INVALID_REQUEST, Problems.UNAUTHENTICATED, Problems.NOT_FOUND,
                            Problems.INTERNAL_ERROR, Problems.SERVICE_UNAVAILABLE)))),
            new DocumentedOperation(HttpMethod.GET, "/api/orders", operation -> operation
                    .summary("The order placed with an Idempotency-Key")
                    .description("The token's user's order with that key, or 404. Keys belong to their user: another"
                            + " user's order with the same key reads as 404. With scope shop.admin, `userId` names"
                            + " whose order; without it, the one order any user placed with that key.")
                    .addSecurityItem(bearer())
                    .parameters(new ArrayList<>(List.of(new Parameter().in("query").name("idempotencyKey")
                            .required(true).schema(new StringSchema().pattern("^[A-Za-z0-9_-]{1,64}$")),
                            new Parameter().in("query").name("userId").required(false)
                                    .description("shop.admin only: the user whose order to read")
                                    .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE)))))
                    .responses(responses(withProblems(Map.of("200", json("The order", "OrderView", ORDER_EXAMPLE)),
                            Problems.INVALID_REQUEST, Problems.UNAUTHENTICATED, Problems.NOT_FOUND,
                            Problems.INTERNAL_ERROR, Problems.SERVICE_UNAVAILABLE)))));

    void describe(Operation operation) {
        description.accept(operation);
    }

    /** The success responses, then one response per status for the problems, each with its examples. */
    private static Map<String, ApiResponse> withProblems(Map<String, ApiResponse> successes, Problems... answered) {
        Map<String, ApiResponse> all = new LinkedHashMap<>(new java.util.TreeMap<>(successes));
        Map<Integer, List<Problems>> byStatus = java.util.Arrays.stream(answered)
                .collect(Collectors.groupingBy(Problems::status, java.util.TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, problems) -> all.put(String.valueOf(status), problems(problems)));
        return all;
    }
}
