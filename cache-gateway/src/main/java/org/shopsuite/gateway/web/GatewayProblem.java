package org.shopsuite.gateway.web;

import java.net.URI;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** An outcome the gateway reports as an RFC 9457 problem (see {@link GatewayProblems}). */
public class GatewayProblem extends ApiProblem {

    public GatewayProblem(HttpStatus status, URI type, String title, String detail) {
        super(status, type, title, detail);
    }

    public static GatewayProblem notFound(String title, String detail) {
        return new GatewayProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, title, detail);
    }

    public static GatewayProblem unavailable(String detail) {
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable", detail);
    }
}
