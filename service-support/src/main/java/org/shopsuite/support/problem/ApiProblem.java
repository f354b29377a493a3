package org.shopsuite.support.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** A business outcome that the API reports as an RFC 9457 problem: its status, type, title and detail. */
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
}
