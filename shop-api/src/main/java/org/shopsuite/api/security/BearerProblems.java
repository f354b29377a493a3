package org.shopsuite.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 from Spring Security as the suite's other errors are: an RFC 9457 problem body. The headers
 * ({@code WWW-Authenticate: Bearer ...}, with the RFC 6750 error) and the status come from Spring Security's own
 * bearer-token handlers; the body is written by {@link ProblemWriter}.
 */
public final class BearerProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        entryPoint.commence(request, response, reason);
        String detail = request.getHeader("Authorization") == null
                ? "send Authorization: Bearer <token> from the suite's issuer (in development: ./stack token USER_ID)"
                : "the bearer token was refused: " + reason.getMessage();
        // Spring answers a malformed bearer request (RFC 6750 invalid_request) with 400: the body says what it says.
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        ProblemWriter.writeBody(response, status == HttpStatus.BAD_REQUEST
                ? ApiProblem.body(status, ProblemTypes.INVALID_REQUEST, "Invalid request", detail)
                : ApiProblem.body(status, ProblemTypes.UNAUTHENTICATED, "Authentication required", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        deniedHandler.handle(request, response, denied);
        ProblemWriter.writeBody(response, Caller.forbidden("this token may not " + request.getMethod() + " "
                + request.getRequestURI() + " (" + Caller.ADMIN_SCOPE + " needed)").body());
    }
}
