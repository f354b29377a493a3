package org.shopsuite.support.internalauth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.seata.core.context.RootContext;
import org.shopsuite.api.internalauth.InternalCallSignature;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ProblemWriter;
import org.shopsuite.support.web.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the service credential of a call to {@code /internal/**}: its signature must be this suite's key's over the
 * very request (method, path, {@code TX_XID}, body) and recent. The body is read here, to check it, and handed on.
 */
final class InternalCallFilter extends OncePerRequestFilter {

    static final String CREDENTIAL_REQUIRED = "service-credential-required";

    private static final Logger log = LoggerFactory.getLogger(InternalCallFilter.class);

    private final InternalCallKey key;

    InternalCallFilter(InternalCallKey key) {
        this.key = key;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestLimits.BodyTooLargeException tooLarge) {
            ProblemWriter.write(response, ApiProblem.payloadTooLarge(RequestLimits.MAX_BODY_BYTES).body());
            return;
        }
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Optional<String> refusal = key.refusal(request.getHeader(InternalCallSignature.HEADER), request.getMethod(),
                path, request.getHeader(RootContext.KEY_XID), body);
        if (refusal.isPresent()) {
            log.warn("refused {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(), refusal.get());
            response.setHeader("WWW-Authenticate", "ShopInternal");
            ProblemWriter.write(response, ApiProblem.body(HttpStatus.UNAUTHORIZED, ProblemTypes.of(CREDENTIAL_REQUIRED),
                    "Service credential required",
                    refusal.get() + "; only the suite's own services may call " + request.getRequestURI()));
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** The request with the body already read, served again from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
