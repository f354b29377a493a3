package org.shopsuite.gateway.clientaddress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@link HttpServletRequest#getRemoteAddr()} the client's address: the peer's own, or, when the peer is a
 * {@link TrustedProxies trusted proxy}, the last address in its {@code X-Forwarded-For} (the one that proxy added; nginx
 * here sets the header to the address it saw, so a client's own header never gets through). Runs before anything
 * that reads the address (the per-address rate limit).
 */
public final class ClientAddressFilter extends OncePerRequestFilter {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** An IPv4 or IPv6 literal, nothing else: the value ends up in Redis keys and logs. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String forwarded = request.getHeader(FORWARDED_FOR);
        if (forwarded == null || !proxies.trusts(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String[] hops = forwarded.split(",");
        String client = hops[hops.length - 1].trim();
        if (!ADDRESS.matcher(client).matches()) {
            chain.doFilter(request, response); // not an address: count the request as the proxy's
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
