package org.shopsuite.order.participant;

import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** A participant or the coordinator could not do its part; the global transaction was rolled back (or never began). */
public class ParticipantUnavailable extends ApiProblem {

    public ParticipantUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
