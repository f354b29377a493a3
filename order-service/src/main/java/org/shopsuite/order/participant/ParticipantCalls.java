package org.shopsuite.order.participant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.RequestInterceptor;
import feign.Response;
import feign.Retryer;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.seata.core.context.RootContext;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How order-service calls its participants: the global transaction's XID travels in {@code TX_XID}; a participant's
 * 404/409 problem comes back as the same problem; anything else means it could not do its part (503). No retries:
 * repeating a debit is not safe, the global transaction is what gets retried. Timeouts: application.yml.
 */
public class ParticipantCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAULT_HEADER = "X-Shop-Fault";

    @Bean
    RequestInterceptor xidPropagation() {
        return template -> {
            String xid = RootContext.getXID();
            if (xid != null) {
                template.header(RootContext.KEY_XID, xid);
            }
            // Tests aim injected faults at a participant through order-service (see FaultInjection).
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes incoming) {
                String fault = incoming.getRequest().getHeader(FAULT_HEADER);
                if (fault != null) {
                    template.header(FAULT_HEADER, fault);
                }
            }
        };
    }

    @Bean
    Retryer noRetries() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    ErrorDecoder participantProblems() {
        return (methodKey, response) -> {
            HttpStatus status = HttpStatus.resolve(response.status());
            JsonNode problem = read(response);
            String detail = problem.path("detail").asText(response.reason());
            if (status == HttpStatus.NOT_FOUND || status == HttpStatus.CONFLICT) {
                URI type = problem.hasNonNull("type") ? URI.create(problem.get("type").asText()) : ProblemTypes.of("conflict");
                return new ApiProblem(status, type, problem.path("title").asText(status.getReasonPhrase()), detail);
            }
            return new ParticipantUnavailable(methodKey + " answered " + response.status() + ": " + detail);
        };
    }

    private static JsonNode read(Response response) {
        if (response.body() == null) {
            return JSON.createObjectNode();
        }
        try (InputStream body = response.body().asInputStream()) {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
