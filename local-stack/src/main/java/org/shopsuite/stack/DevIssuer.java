package org.shopsuite.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's development issuer (module {@value #MODULE}) as the stack runs it: its signing key in the stack's
 * secrets directory, and its development token endpoint switched on, guarded by a secret the stack makes there too.
 * {@link #token} asks the running issuer for a token, as {@code ./stack token} and the tests do.
 */
public final class DevIssuer {

    public static final String MODULE = "auth-server";
    static final String SECRET_HEADER = "X-Shop-Dev-Token-Secret";

    /**
     * What the stack sets on the issuer besides the suite's variables and its {@link StackSecret}s (compose sets them
     * too, as it sees fit).
     */
    public static final Set<String> VARIABLES = Set.of("SHOP_AUTH_SIGNING_KEY_FILE", "SHOP_AUTH_DEV_TOKEN_ENABLED");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private DevIssuer() {
    }

    /**
     * What the issuer needs from the stack besides its secret ({@link StackSecret#AUTH_DEV_TOKEN_SECRET}); its
     * application.yml reads these.
     */
    static Map<String, String> environment(StackSettings settings) {
        return Map.of(
                "SHOP_AUTH_SIGNING_KEY_FILE", signingKeyFile(settings).toString(),
                "SHOP_AUTH_DEV_TOKEN_ENABLED", "true");
    }

    /**
     * Where the issuer keeps its signing key (it makes the key on its first start, owner-only): the stack's secrets
     * directory, which the stack's own secrets make owner-only.
     */
    public static Path signingKeyFile(StackSettings settings) {
        StackSecret.AUTH_DEV_TOKEN_SECRET.value(settings); // creates the directory, owner-only, if need be
        return SecretFiles.dir(settings).resolve("auth-signing-key.json");
    }

    /**
     * A bearer token for {@code userId} (with scope {@code shop.admin} if {@code admin}), from the running issuer.
     *
     * @throws IllegalStateException saying what failed and what to do
     */
    public static String token(StackSettings settings, long userId, boolean admin) {
        URI endpoint = URI.create(settings.authIssuer() + "/dev/token");
        String form = "user_id=" + userId + "&admin=" + admin;
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SECRET_HEADER, StackSecret.AUTH_DEV_TOKEN_SECRET.value(settings))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the issuer at " + settings.authIssuer() + " does not answer (" + e
                    + "): is the stack up? `./stack up` starts it, `./stack logs " + MODULE + "` says why it stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the issuer for a token", e);
        }
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("the issuer at " + endpoint + " answered " + response.statusCode() + ": "
                    + response.body() + (response.statusCode() == 404 ? " (its development token endpoint is off:"
                    + " it was not started by this stack)" : ""));
        }
        return token.group(1);
    }
}
