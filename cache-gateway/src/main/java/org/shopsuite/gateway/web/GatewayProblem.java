package org.shopsuite.gateway.web;

import java.net.URI;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** An outcome the gateway reports as an RFC 9457 problem (see {@link GatewayProblems}). */
public class GatewayProblem extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;

    public GatewayProblem(HttpStatus status, URI type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static GatewayProblem notFound(String title, String detail) {
        return new GatewayProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, title, detail);
    }

    public static GatewayProblem unavailable(String detail) {
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable", detail);
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
