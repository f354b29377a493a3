package org.shopsuite.baseline.order;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An order the data cannot serve (404 unknown row, 409 too little): an RFC 9457 problem with the suite's types. */
class OrderRefused extends ErrorResponseException {

    OrderRefused(HttpStatus status, URI type, String detail) {
        super(status, problem(status, type, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return problem;
    }
}
