package org.shopsuite.gateway.order;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.gateway.web.GatewayProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders are order-service's: the gateway passes them through untouched (validation included), and passes back the
 * instance's status, body, {@code Content-Type} and {@code Location}.
 */
@RestController
class OrderController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final OrderForwarder forwarder;

    OrderController(OrderForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @PostMapping("/api/orders")
    ResponseEntity<byte[]> place(HttpServletRequest request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        // Checked here too, because a key is what makes resending the order to another instance safe.
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new GatewayProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "header Idempotency-Key must be 1-64 characters of [A-Za-z0-9_-]");
        }
        byte[] body = boundedBody(request);
        return passBack(forwarder.forward(ForwardedRequest.post("/api/orders", body, request.getContentType(),
                idempotencyKey)));
    }

    @GetMapping("/api/orders/{orderId}")
    ResponseEntity<byte[]> order(@PathVariable long orderId) {
        return passBack(forwarder.forward(ForwardedRequest.get("/api/orders/" + orderId)));
    }

    /** The body, refused with 413 past 64 KiB: at once when declared that long, else as soon as it grows past it. */
    private static byte[] boundedBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new GatewayProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "the request body could not be read: " + e.getMessage());
        }
    }

    private static GatewayProblem tooLarge() {
        return new GatewayProblem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                "request bodies are limited to " + MAX_BODY_BYTES + " bytes");
    }

    private static ResponseEntity<byte[]> passBack(ForwardedResponse response) {
        HttpHeaders headers = new HttpHeaders();
        if (response.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, response.contentType());
        }
        if (response.location() != null) {
            headers.set(HttpHeaders.LOCATION, response.location());
        }
        return ResponseEntity.status(response.status()).headers(headers).body(response.body());
    }
}
