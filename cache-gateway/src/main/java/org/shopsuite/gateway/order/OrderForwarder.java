package org.shopsuite.gateway.order;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Sends order requests to the order-service instances, round-robin. When an instance can't be reached (connection
 * refused, connect timeout) the request never left, so the next instance gets it. When it failed after it was sent
 * (reset, no answer in time) the order may have been placed: only a read, or an order with an idempotency key, is
 * sent again; any other order is reported as of unknown outcome rather than placed twice. (The gateway's own order
 * requests always carry a key.) All attempts of one request share one deadline, shorter than nginx's wait.
 */
@Component
class OrderForwarder {

    private static final Logger log = LoggerFactory.getLogger(OrderForwarder.class);

    private final List<URI> instances;
    private final OrderForwardingProperties properties;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();

    /** A resend needs at least this long to be worth starting (a repeat of a known key is answered in milliseconds). */
    private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    OrderForwarder(OrderForwardingProperties properties) {
        this.properties = properties;
        this.instances = properties.urls();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    ForwardedResponse forward(ForwardedRequest request) {
        long deadline = System.nanoTime() + properties.deadline().toNanos();
        int first = Math.floorMod(next.getAndIncrement(), instances.size());
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < instances.size(); attempt++) {
            URI instance = instances.get((first + attempt) % instances.size());
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (attempt > 0 && left.compareTo(MIN_ATTEMPT) < 0) {
                failures.add("no time left to try " + instance);
                break;
            }
            try {
                return send(instance, request, min(properties.responseTimeout(), left));
            } catch (IOException e) {
                failures.add(instance + ": " + e);
                if (!neverSent(e) && !request.safeToRepeat()) {
                    throw outcomeUnknown(instance, e);
                }
                log.info("order-service at {} failed ({}); trying the next instance", instance, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiProblem.unavailable("interrupted while forwarding to order-service");
            }
        }
        // Which instances failed and how is for the operator (the log, under the trace id), not for the client.
        String traceId = TraceIds.next();
        log.warn("no order-service instance answered {} {} (traceId={}): {}", request.method(), request.path(),
                traceId, String.join("; ", failures));
        throw ApiProblem.unavailable("no order-service instance answered; retry shortly"
                + (request.idempotencyKey() != null ? ", and look the order up by its Idempotency-Key "
                + request.idempotencyKey() + " before placing it again" : ""))
                .withProperty(TraceIds.PROPERTY, traceId);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private ForwardedResponse send(URI instance, ForwardedRequest request, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(instance.resolve(request.path()))
                .timeout(timeout)
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.idempotencyKey() != null) {
            builder.header("Idempotency-Key", request.idempotencyKey());
        }
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new ForwardedResponse(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Location").orElse(null));
    }

    /** Failures that happen before a single byte of the request went out. */
    private static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    private static ApiProblem outcomeUnknown(URI instance, IOException e) {
        boolean timedOut = e instanceof HttpTimeoutException;
        String traceId = TraceIds.next();
        log.warn("order-service at {} {} (traceId={}): {}", instance,
                timedOut ? "did not answer in time" : "failed while answering", traceId, e.toString());
        return new ApiProblem(timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY,
                ProblemTypes.SERVICE_UNAVAILABLE, timedOut ? "Gateway timeout" : "Bad gateway",
                "order-service " + (timedOut ? "did not answer in time" : "failed while answering")
                        + ", so the order may or may not have been placed: it was not sent again. Look it up, or send"
                        + " it with an Idempotency-Key, which makes a retry safe")
                .withProperty(TraceIds.PROPERTY, traceId);
    }
}
