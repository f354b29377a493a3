package org.shopsuite.order.participant;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * A participant (account- or inventory-service) could not do its part: unreachable, or it answered something other
 * than a refusal. The global transaction was rolled back before its outcome was decided, so a retry is safe (503).
 */
public class ParticipantUnavailable extends ApiProblem {

    public ParticipantUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
