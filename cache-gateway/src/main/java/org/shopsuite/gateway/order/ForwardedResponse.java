package org.shopsuite.gateway.order;

/** What an order-service instance answered: passed on to the client as it is. */
record ForwardedResponse(int status, byte[] body, String contentType, String location) {
}
