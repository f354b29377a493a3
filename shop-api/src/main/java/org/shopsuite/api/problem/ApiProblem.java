package org.shopsuite.api.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An outcome the API reports as an RFC 9457 problem: its status, type, title and detail. Shared by the services and
 * the gateway, so a problem a participant answers can travel unchanged to the public. {@link #body(HttpStatus, URI,
 * String, String)} is the one place a problem body is made: the advice ({@link ProblemAdvice} and what extends it)
 * answers with it, and servlet filters write it with {@link ProblemWriter}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;
    private final List<String> fields;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, URI type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    private ApiProblem(HttpStatus status, URI type, String title, String detail, List<String> fields) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    /** Bad input: a 400 whose body names the fields at fault (property {@code fields}). */
    public static ApiProblem invalidFields(String detail, List<String> fields) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail, fields);
    }

    /** Bad input with no single field at fault: a 400 (type {@code invalid-request}). */
    public static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail);
    }

    /** No such resource: a 404 (type {@code not-found}) with the title saying what was looked for. */
    public static ApiProblem notFound(String title, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, title, detail);
    }

    /** A body larger than the part reads: a 413 (type {@code payload-too-large}). */
    public static ApiProblem payloadTooLarge(long maxBytes) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                "request bodies are limited to " + maxBytes + " bytes");
    }

    /** A body that is not JSON: a 415 (type {@code invalid-request}). */
    public static ApiProblem unsupportedMediaType() {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.INVALID_REQUEST, "Unsupported media type",
                "send the body as application/json");
    }

    /** Something the answer depends on is down or busy: a 503 (type {@code service-unavailable}). */
    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
                detail);
    }

    /**
     * Adds a property to the body, such as the {@code orderId} or {@link TraceIds#PROPERTY} an operator finds the
     * failure's log line by.
     */
    public ApiProblem withProperty(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The RFC 9457 body. */
    public ProblemDetail body() {
        ProblemDetail body = body(status, type, title, detail());
        if (!fields.isEmpty()) {
            body.setProperty("fields", fields);
        }
        properties.forEach(body::setProperty);
        return body;
    }

    /** A problem body: the factory every problem answer of the suite is made by. */
    public static ProblemDetail body(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
