package org.shopsuite.api.problem;

import java.net.URI;
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

    public ApiProblem(HttpStatus status, URI type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
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
        return body(status, type, title, detail());
    }

    public static ProblemDetail body(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
