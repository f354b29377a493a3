package org.shopsuite.api.security;

import org.shopsuite.api.participant.InternalPaths;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The access rules the gateway and every service share, applied to a Spring Security {@link HttpSecurity}:
 * <ul>
 *   <li>{@code /api/**} needs a bearer token (a JWT of the configured issuer and audience, checked against the
 *       issuer's keys by Spring Security's resource server), except the public paths a part names;</li>
 *   <li>{@code GET /actuator/health} is open (UP/DOWN; details only for {@value Caller#ADMIN_SCOPE}), every other
 *       actuator endpoint needs {@value Caller#ADMIN_SCOPE};</li>
 *   <li>{@code /internal/**} is left to its own scheme: the HMAC signature checked by service-support's
 *       {@code InternalCallFilter} before this chain runs;</li>
 *   <li>no sessions and no CSRF: every request carries its own token, nothing rides on a cookie.</li>
 * </ul>
 * Errors are problem bodies ({@link BearerProblems}).
 */
public final class ShopResourceServer {

    private ShopResourceServer() {
    }

    /**
     * @param publicGets paths (Ant patterns) under {@code /api/} anyone may GET, e.g. {@code /api/products/**}
     */
    public static HttpSecurity apply(HttpSecurity http, String... publicGets) throws Exception {
        BearerProblems problems = new BearerProblems();
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(authorize -> {
                    authorize
                            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers("/actuator/**").hasAuthority(Caller.ADMIN_AUTHORITY)
                            .requestMatchers(InternalPaths.PREFIX + "**").permitAll();
                    if (publicGets.length > 0) {
                        authorize.requestMatchers(HttpMethod.GET, publicGets).permitAll();
                    }
                    authorize
                            .requestMatchers("/api/**").authenticated()
                            // Anything else is no resource of the API: let it reach a 404 problem.
                            .anyRequest().permitAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
    }
}
