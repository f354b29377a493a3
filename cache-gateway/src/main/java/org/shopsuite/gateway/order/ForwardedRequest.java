package org.shopsuite.gateway.order;

/**
 * A request for order-service, as the gateway received it.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param authorization  the client's {@code Authorization} header: order-service checks the token itself
 */
record ForwardedRequest(String method, String path, byte[] body, String contentType, String idempotencyKey,
                        String authorization) {

    static ForwardedRequest get(String path, String authorization) {
        return new ForwardedRequest("GET", path, null, null, null, authorization);
    }

    static ForwardedRequest post(String path, byte[] body, String contentType, String idempotencyKey,
                                 String authorization) {
        return new ForwardedRequest("POST", path, body, contentType, idempotencyKey, authorization);
    }

    /**
     * Whether sending it again after it may have reached an instance is harmless: a read, or an order whose
     * idempotency key makes order-service answer a repeat with the first outcome instead of placing it twice.
     */
    boolean safeToRepeat() {
        return method.equals("GET") || idempotencyKey != null;
    }
}
