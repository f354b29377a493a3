package org.shopsuite.api.problem;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The exception handlers the gateway and every service share: each answers an {@code application/problem+json} body
 * made by {@link ApiProblem#body(HttpStatus, java.net.URI, String, String)}. A part extends it with a
 * {@code @RestControllerAdvice} of its own (service-support's {@code ProblemResponses}, the gateway's
 * {@code GatewayProblems}) that adds what only it meets and says what a path with nothing at it is
 * ({@link #nothingAt(String)}). Bodies never carry internals (URLs, SQL, class names, exception messages): those are
 * logged with the {@link TraceIds trace id} the body carries.
 */
public abstract class ProblemAdvice {

    /** The log of the advice that extends this one, so its lines keep their logger's name. */
    private final Logger log = LoggerFactory.getLogger(ClassUtils.getUserClass(getClass()));

    /** The detail of a 404 for a path at which this part has nothing; {@code path} starts with {@code /}. */
    protected abstract String nothingAt(String path);

    @ExceptionHandler(ApiProblem.class)
    public ProblemDetail apiProblem(ApiProblem problem) {
        return problem.body();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return ApiProblem.invalidFields("query parameter " + e.getParameterName() + " is required",
                List.of(e.getParameterName())).body();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail badPathOrParameter(MethodArgumentTypeMismatchException e) {
        return ApiProblem.invalidFields(e.getName() + " must be " + describe(e.getRequiredType()) + ", got '"
                + e.getValue() + "'", List.of(e.getName())).body();
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ProblemDetail noSuchPath(Exception e) {
        String path = e instanceof NoResourceFoundException noResource ? "/" + noResource.getResourcePath()
                : ((NoHandlerFoundException) e).getRequestURL();
        return ApiProblem.notFound("Not found", nothingAt(path)).body();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ApiProblem.body(HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.INVALID_REQUEST, "Method not allowed",
                e.getMethod() + " is not supported here");
    }

    /** Whatever else failed: the client learns that it did and how to report it, the log what it was. */
    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        String traceId = TraceIds.next();
        log.error("unexpected error (traceId={})", traceId, e);
        ProblemDetail problem = ApiProblem.body(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
                "Internal error", "an unexpected error occurred; report traceId " + traceId + " to the operator");
        problem.setProperty(TraceIds.PROPERTY, traceId);
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer (decimal digits, no sign but '-', no leading zeros, in range)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }
}
