package org.shopsuite.auth.issuer;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param audience       what every access token names in {@code aud}; the services accept only tokens naming it
 * @param signingKeyFile where the RSA signing key is kept (created on first start, owner-only): tokens outlive a
 *                       restart only if the key does
 * @param users          the seed users; their user name is the user id tokens carry in {@code sub}
 */
@ConfigurationProperties("shop.auth")
public record IssuerProperties(String audience, Path signingKeyFile, List<SeedUser> users) {

    public IssuerProperties {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("shop.auth.audience (SHOP_AUTH_AUDIENCE) is empty: name the audience the"
                    + " services check, e.g. shopsuite");
        }
        if (signingKeyFile == null || signingKeyFile.toString().isBlank()) {
            throw new IllegalArgumentException("shop.auth.signing-key-file (SHOP_AUTH_SIGNING_KEY_FILE) is not set: name"
                    + " a file in a private directory; the issuer creates the key there on its first start (./stack uses"
                    + " .stack/secrets/auth-signing-key.json)");
        }
        users = users == null ? List.of() : List.copyOf(users);
        for (SeedUser user : users) {
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalArgumentException("the seed user " + user.username() + " has no password: set"
                        + " SHOP_AUTH_DEMO_PASSWORD (./stack generates it in .stack/secrets/auth-demo.password;"
                        + " compose: docker/compose-env.sh writes it into .env)");
            }
        }
    }

    /** A user who can sign in at the issuer; {@code admin} adds scope shop.admin to their tokens. */
    public record SeedUser(String username, String password, boolean admin) {
    }
}
