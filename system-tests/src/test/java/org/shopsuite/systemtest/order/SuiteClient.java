package org.shopsuite.systemtest.order;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Places and reads orders over HTTP, as a client of the suite would: an order with the token of the user it names,
 * a read as an operator (scope shop.admin), unless a test says otherwise (AuthIT checks who may do what).
 */
public final class SuiteClient {

    /** The user id of operators' tokens in these tests: no account has it. */
    public static final long OPERATOR = 999_999_999L;

    private final TestInfrastructure infra;

    public SuiteClient(TestInfrastructure infra) {
        this.infra = infra;
    }

    public String orderInstance(int index) {
        return infra.baseUrl(infra.service("order-service-" + (index % 2 + 1)));
    }

    public String gateway(int index) {
        return infra.baseUrl(infra.service("cache-gateway-" + (index % 2 + 1)));
    }

    public Reply placeOrder(int instance, long userId, long productId, int quantity, String mode, String idempotencyKey,
                     Map<String, String> headers) {
        return placeOrderAt(orderInstance(instance), userId, productId, quantity, mode, idempotencyKey, headers);
    }

    /** Places an order at a base URL: an order-service instance, or a gateway. */
    public Reply placeOrderAt(String baseUrl, long userId, long productId, int quantity, String mode, String idempotencyKey,
                       Map<String, String> headers) {
        String body = "{\"userId\":" + userId + ",\"productId\":" + productId + ",\"quantity\":" + quantity
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}";
        return postOrder(baseUrl, body, infra.token(userId, false), idempotencyKey, headers);
    }

    /** {@code POST /api/orders} with this body and token ({@code null}: none); status -1 where none answers. */
    public Reply postOrder(String baseUrl, String body, String token, String idempotencyKey,
                           Map<String, String> headers) {
        HttpRequest.Builder request = SuiteHttp.post(baseUrl + "/api/orders", body, token, Duration.ofSeconds(60));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(request::header);
        return SuiteHttp.sendOrNoAnswer(request);
    }

    public Reply placeOrder(long userId, long productId, int quantity, String mode) {
        return placeOrder(0, userId, productId, quantity, mode, null, Map.of());
    }

    /** A read as an operator. */
    public Reply get(String url) {
        return getWith(url, infra.token(OPERATOR, true));
    }

    /** A read with this token ({@code null}: none); status -1 where none answers. */
    public Reply getWith(String url, String token) {
        return SuiteHttp.sendOrNoAnswer(SuiteHttp.get(url, token, Duration.ofSeconds(10)));
    }
}
