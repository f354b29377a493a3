package org.shopsuite.gateway.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.shopsuite.api.input.StrictJson;
import org.shopsuite.api.order.IdempotencyKeys;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders are order-service's: the gateway checks what it receives by the suite's input rules (the body read strictly
 * and validated as order-service does, the Idempotency-Key), forwards the body as it came, and passes back the
 * instance's status, body, {@code Content-Type} and {@code Location}.
 * <p>
 * The caller's token goes along: order-service applies the ownership rules (an order for the token's user only;
 * another user's order reads as not found). The gateway itself has checked the token before the request got here.
 * <p>
 * Every order goes out with an Idempotency-Key: the client's, or one the gateway makes ({@code gw-<uuid>}) and
 * returns in the {@code Idempotency-Key} response header. With a key, sending the order again to the other instance
 * after a failure in flight is safe: order-service answers a repeat with the order's outcome instead of placing it
 * twice; and the client can look the order up by that key.
 */
@RestController
class OrderController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String GENERATED_KEY_PREFIX = "gw-";

    private final OrderForwarder forwarder;
    private final ObjectMapper json;
    private final Validator validator;

    OrderController(OrderForwarder forwarder, ObjectMapper json, Validator validator) {
        this.forwarder = forwarder;
        this.json = json;
        this.validator = validator;
    }

    @PostMapping("/api/orders")
    ResponseEntity<byte[]> place(HttpServletRequest request,
                                 @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        IdempotencyKeys.check(IdempotencyKeys.HEADER, idempotencyKey);
        byte[] body = boundedBody(request);
        check(body, request.getContentType());
        String key = idempotencyKey != null ? idempotencyKey : GENERATED_KEY_PREFIX + UUID.randomUUID();
        ResponseEntity<byte[]> answer = passBack(forwarder.forward(ForwardedRequest.post("/api/orders", body,
                request.getContentType(), key, request.getHeader(HttpHeaders.AUTHORIZATION))));
        return idempotencyKey != null ? answer
                : ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                        .header(IdempotencyKeys.HEADER, key).body(answer.getBody());
    }

    @GetMapping("/api/orders/{orderId}")
    ResponseEntity<byte[]> order(@PathVariable long orderId,
                                 @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return passBack(forwarder.forward(ForwardedRequest.get("/api/orders/" + orderId, authorization)));
    }

    @GetMapping("/api/orders")
    ResponseEntity<byte[]> orderByIdempotencyKey(@RequestParam String idempotencyKey,
                                                 @RequestParam(required = false) Long userId,
                                                 @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        IdempotencyKeys.check("idempotencyKey", idempotencyKey); // then it needs no escaping in the URL
        // userId: an operator's choice of whose order (keys belong to their user); read strictly, so safe in the URL
        return passBack(forwarder.forward(ForwardedRequest.get("/api/orders?idempotencyKey=" + idempotencyKey
                + (userId != null ? "&userId=" + userId : ""), authorization)));
    }

    /** The body must be an order request by the suite's rules; refused here, it never reaches order-service. */
    private void check(byte[] body, String contentType) {
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
            throw ApiProblem.unsupportedMediaType();
        }
        PlaceOrderRequest order;
        try {
            order = json.readValue(body, PlaceOrderRequest.class);
        } catch (JsonProcessingException e) {
            throw StrictJson.problemFor(e);
        } catch (IOException e) {
            throw ApiProblem.invalidFields("the request body could not be read", List.of());
        }
        if (order == null) {
            throw ApiProblem.invalidFields("the request body is missing", List.of());
        }
        Set<ConstraintViolation<PlaceOrderRequest>> violations = validator.validate(order);
        if (!violations.isEmpty()) {
            List<ConstraintViolation<PlaceOrderRequest>> sorted = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
            throw ApiProblem.invalidFields(sorted.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .collect(Collectors.joining("; ")),
                    sorted.stream().map(v -> v.getPropertyPath().toString()).distinct().toList());
        }
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
            throw ApiProblem.invalid("the request body could not be read (was the upload cut short?)");
        }
    }

    private static ApiProblem tooLarge() {
        return ApiProblem.payloadTooLarge(MAX_BODY_BYTES);
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
