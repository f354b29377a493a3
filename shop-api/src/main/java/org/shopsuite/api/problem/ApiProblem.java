package org.shopsuite.api.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An outcome the API reports as an RFC 9457 problem: its status, type, title and detail. Shared by the services and
 * the gateway, so a problem a participant answers can travel unchanged to the public.
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

    public static ProblemDetail body(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
