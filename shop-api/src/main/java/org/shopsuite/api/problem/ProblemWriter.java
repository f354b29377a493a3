package org.shopsuite.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem body where Spring MVC does not: in a servlet filter (body size, service credential, rate limit) or
 * in Spring Security's 401/403 handlers. Outside Spring MVC there is no ObjectMapper that knows ProblemDetail's JSON
 * shape, so it is written here in the shape MVC gives it: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} if set, then the properties.
 */
public final class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    /** The whole answer: the problem's status, {@code application/problem+json} in UTF-8, the body. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        writeBody(response, problem);
    }

    /** The body and its content type only, for a response whose status (and headers) another handler has set. */
    public static void writeBody(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(problem));
    }

    static String json(ProblemDetail problem) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", String.valueOf(problem.getType()))
                .put("title", problem.getTitle())
                .put("status", problem.getStatus())
                .put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        }
        return body.toString();
    }
}
