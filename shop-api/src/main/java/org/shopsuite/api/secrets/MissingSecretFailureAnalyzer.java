package org.shopsuite.api.secrets;

import org.shopsuite.api.secrets.RequiredSecrets.MissingSecretException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A service started without one of the suite's secrets ({@link RequiredSecrets}) stops saying which variable is
 * missing and where it comes from.
 */
public class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretException cause) {
        String variable = cause.variable();
        return new FailureAnalysis(
                "The secret " + variable + " is not set (or is blank); " + cause.property() + " needs it. The suite's"
                        + " passwords and keys have no defaults: each service gets them from its environment.",
                "Started by ./stack, the service gets " + variable + " from the stack, which generates its secrets"
                        + " under <stack dir>/secrets/ on first start. Under compose, run docker/compose-env.sh once"
                        + " (it writes the secrets into .env). Started by hand, export " + variable + " from the"
                        + " stack's secrets directory (README, \"Secrets\").",
                cause);
    }
}
