package org.shopsuite.gateway.web;

import org.shopsuite.api.problem.ProblemAdvice;
import org.shopsuite.api.problem.TraceIds;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error the gateway itself answers is an {@code application/problem+json} body, by the handlers it shares with
 * the services (shop-api's {@link ProblemAdvice}). A path it does not route (the services' {@code /internal/**}
 * branches, their actuators, anything else) is a plain 404: the gateway exposes only the public API. Bodies never
 * carry internals (upstream URLs, class names, exception messages): those are logged with the {@link TraceIds trace
 * id} the body carries.
 */
@RestControllerAdvice
public class GatewayProblems extends ProblemAdvice {

    @Override
    protected String nothingAt(String path) {
        return "the gateway has nothing at this path";
    }
}
