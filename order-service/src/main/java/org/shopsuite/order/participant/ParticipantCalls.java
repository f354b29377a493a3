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
import org.shopsuite.api.internalauth.InternalCallSignature;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.support.internalauth.InternalCallKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How order-service calls its participants: the global transaction's XID travels in {@code TX_XID}, and each call is
 * signed with the suite's key (the participants answer nobody else); a participant's 404/409 problem comes back as the
 * same problem; anything else means it could not do its part (503). No retries: repeating a debit is not safe, the
 * global transaction is what gets retried. Timeouts: application.yml.
 */
public class ParticipantCalls {

    private static final Logger log = LoggerFactory.getLogger(ParticipantCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAULT_HEADER = "X-Shop-Fault";

    /** One interceptor, so the credential is made after the XID is set: it signs the XID too. */
    @Bean
    RequestInterceptor xidAndServiceCredential(InternalCallKey key) {
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
            template.header(InternalCallSignature.HEADER,
                    key.sign(template.method(), template.path() + template.queryLine(), xid, template.body()));
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
            if (status == HttpStatus.UNAUTHORIZED) {
                log.error("{} refused order-service's service credential ({}): every service must run with the same"
                        + " SHOP_INTERNAL_AUTH_KEY and a clock within a minute of the others", methodKey, detail);
            }
            if (status == HttpStatus.NOT_FOUND || status == HttpStatus.CONFLICT) {
                URI type = problem.hasNonNull("type") ? URI.create(problem.get("type").asText()) : ProblemTypes.of("conflict");
                return new ApiProblem(status, type, problem.path("title").asText(status.getReasonPhrase()), detail);
            }
            // The call (methodKey names the client method) is for the log; OrderPlacement adds the order's id to both.
            log.warn("{} answered {}: {}", methodKey, response.status(), detail);
            return new ParticipantUnavailable("a participant could not do its part (it answered " + response.status()
                    + "); nothing was changed, retry shortly");
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
