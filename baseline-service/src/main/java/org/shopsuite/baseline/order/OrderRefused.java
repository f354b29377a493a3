package org.shopsuite.baseline.order;

import java.net.URI;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An order the data cannot serve (404 unknown row, 409 too little): an RFC 9457 problem with the suite's types. */
class OrderRefused extends ErrorResponseException {

    OrderRefused(HttpStatus status, URI type, String detail) {
        super(status, ApiProblem.body(status, type, status.getReasonPhrase(), detail), null);
    }
}
