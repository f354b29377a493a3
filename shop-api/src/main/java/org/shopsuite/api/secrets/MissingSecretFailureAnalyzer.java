package org.shopsuite.api.secrets;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.PlaceholderResolutionException;

/**
 * A service started without one of the suite's secrets ({@code SHOP_*_PASSWORD}, {@code SHOP_*_KEY}: no
 * application.yml has a default for them) stops saying which variable is missing and where it comes from, instead of
 * a bare "could not resolve placeholder".
 */
public class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

    private static final Pattern SECRET = Pattern.compile("'(SHOP_[A-Z0-9_]*(?:PASSWORD|KEY))'");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderResolutionException cause) {
        Matcher secret = SECRET.matcher(String.valueOf(cause.getMessage()));
        if (!secret.find()) {
            return null; // not a secret: Spring Boot's own analysis says enough
        }
        String variable = secret.group(1);
        return new FailureAnalysis(
                "The secret " + variable + " is not set. The suite's passwords have no defaults: each service gets"
                        + " them from its environment.",
                "Started by ./stack, the service gets " + variable + " from the stack, which generates its secrets"
                        + " under <stack dir>/secrets/ on first start. Under compose, run docker/compose-env.sh once"
                        + " (it writes the secrets into .env). Started by hand, export " + variable + " from the"
                        + " stack's secrets directory (README, \"Secrets\").",
                cause);
    }
}
