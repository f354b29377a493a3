package org.shopsuite.gateway.web;

import java.net.URI;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the gateway itself answers is an {@code application/problem+json} body. A path it does not route (the
 * services' {@code /internal/**} branches, their actuators, anything else) is a plain 404: the gateway exposes only
 * the public API. Bodies never carry internals (upstream URLs, class names, exception messages): those are logged
 * with the {@link TraceIds trace id} the body carries.
 */
@RestControllerAdvice
public class GatewayProblems {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail gatewayProblem(ApiProblem problem) {
        return problem.body();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return ApiProblem.invalidFields("query parameter " + e.getParameterName() + " is required",
                java.util.List.of(e.getParameterName())).body();
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ProblemDetail noSuchPath(Exception e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "the gateway has nothing at this path");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badPathVariable(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                e.getName() + " must be an integer (decimal digits, no sign but '-', no leading zeros, in range), got '"
                        + e.getValue() + "'");
        problem.setProperty("fields", java.util.List.of(e.getName()));
        return problem;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.INVALID_REQUEST, "Method not allowed",
                e.getMethod() + " is not supported here");
    }

    /** Whatever else failed: the client learns that it did and how to report it, the log what it was. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String traceId = TraceIds.next();
        log.error("unexpected error (traceId={})", traceId, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
                "Internal error", "an unexpected error occurred; report traceId " + traceId + " to the operator");
        problem.setProperty(TraceIds.PROPERTY, traceId);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        return GatewayProblem.body(status, type, title, detail);
    }
}
