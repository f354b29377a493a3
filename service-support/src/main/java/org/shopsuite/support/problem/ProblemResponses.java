package org.shopsuite.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.stream.Collectors;
import org.shopsuite.api.input.StrictJson;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemAdvice;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.TraceIds;
import org.shopsuite.support.web.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error a service returns is an {@code application/problem+json} body; bad input names the field at fault.
 * The handlers the gateway has too are shop-api's {@link ProblemAdvice}; these are the services' own: request bodies
 * (validation, JSON, size, media type), required headers, and row locks held too long. Bodies say what the client can
 * act on, never internals (URLs, SQL, class names, exception messages): those are logged with the
 * {@link TraceIds trace id} the body carries.
 */
@AutoConfiguration
@RestControllerAdvice
public class ProblemResponses extends ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    protected String nothingAt(String path) {
        return "no resource at " + path;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ApiProblem.invalidFields(fields, e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField()).distinct().sorted().toList()).body();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        if (NestedExceptionUtils.getRootCause(e) instanceof RequestLimits.BodyTooLargeException) {
            return ApiProblem.payloadTooLarge(RequestLimits.MAX_BODY_BYTES).body();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return StrictJson.problemFor(json).body();
        }
        return ApiProblem.invalid("the request body is missing or is not valid JSON").body();
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return ApiProblem.invalid("header " + e.getHeaderName() + " is required").body();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail wrongMediaType(HttpMediaTypeNotSupportedException e) {
        return ApiProblem.unsupportedMediaType().body();
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ProblemDetail busy(PessimisticLockingFailureException e) {
        log.warn("gave up waiting for a row lock: {}", e.getMostSpecificCause().getMessage());
        return ApiProblem.body(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Busy",
                "the row is locked by other transactions for too long; nothing was changed, retry shortly");
    }
}
