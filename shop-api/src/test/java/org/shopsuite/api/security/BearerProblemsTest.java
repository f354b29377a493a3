package org.shopsuite.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class BearerProblemsTest {

    private final BearerProblems problems = new BearerProblems();

    @Test
    void aMissingTokenIsA401ProblemWithTheBearerChallenge() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.commence(new MockHttpServletRequest("GET", "/api/accounts/1"), response,
                new InsufficientAuthenticationException("no token"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getContentAsString()).contains("\"status\":401", "/problems/unauthenticated");
    }

    @Test
    void aRefusedTokenIsA401ProblemSayingSo() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/accounts/1");
        request.addHeader("Authorization", "Bearer expired");
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.commence(request, response, new InvalidBearerTokenException("Jwt expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token");
        assertThat(response.getContentAsString()).contains("\"status\":401", "the bearer token was refused");
    }

    /** Spring answers a malformed request (RFC 6750 invalid_request) with 400: the body must not say 401. */
    @Test
    void aMalformedBearerRequestIsA400ProblemWhoseBodyAgreesWithTheStatus() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/accounts/1");
        request.addHeader("Authorization", "Bearer a b");
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.commence(request, response,
                new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest("Bearer token is malformed")));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_request");
        assertThat(response.getContentAsString()).contains("\"status\":400", "/problems/invalid-request")
                .doesNotContain("\"status\":401");
    }
}
