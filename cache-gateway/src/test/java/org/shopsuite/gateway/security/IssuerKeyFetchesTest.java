package org.shopsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.security.tokens.IssuerKeys;
import org.shopsuite.api.security.tokens.TokenVerification;
import org.shopsuite.testfixtures.StandInIssuer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What the gateway's (and every service's) token decoder costs the issuer, counted at a stand-in issuer's JWKS
 * endpoint: the decoder is shop-api's {@link TokenVerification}, as the applications get it.
 */
class IssuerKeyFetchesTest {

    private static final StandInIssuer issuer = StandInIssuer.shared();

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenVerification.class, OAuth2ResourceServerAutoConfiguration.class))
            .withPropertyValues(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
                    "spring.security.oauth2.resourceserver.jwt.audiences=shopsuite",
                    "shop.auth.jwks.connect-timeout=1s",
                    "shop.auth.jwks.read-timeout=1s",
                    "shop.auth.jwks.refresh-interval=5m",
                    "shop.auth.jwks.outage-tolerance=24h",
                    // the whole test runs in one window
                    "shop.auth.jwks.fetch-limit-window=1h",
                    "shop.auth.verified-tokens.max-size=100");

    @Test
    void tokensNamingAKeyIdNobodyPublishedCostTheIssuerAtMostTwoFetchesAndAre401s() throws Exception {
        RSAKey unpublished = new RSAKeyGenerator(2048).keyID("never-published").generate();
        String unknownKeyId = StandInIssuer.signed(unpublished, StandInIssuer.claims(issuer.issuer(), 1));

        application.run(context -> {
            assertThat(context).hasSingleBean(IssuerKeys.class);
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            int before = issuer.jwksFetches();
            assertThat(decoder.decode(issuer.token(1, false)).getSubject()).isEqualTo("1");

            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> decoder.decode(unknownKeyId)).as("request %d", i)
                        .isInstanceOf(BadJwtException.class);
            }

            // the first token's fetch, and at most one more for the unknown key id
            assertThat(issuer.jwksFetches() - before).isBetween(1, 2);
            // and the keys held still verify tokens
            assertThat(decoder.decode(issuer.token(2, false)).getSubject()).isEqualTo("2");
        });
    }

    @Test
    void aTokenUsedAgainCostsTheIssuerNoFetch() {
        application.run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            String token = issuer.token(3, false);
            decoder.decode(token);
            int afterFirst = issuer.jwksFetches();

            for (int i = 0; i < 20; i++) {
                assertThat(decoder.decode(token).getSubject()).isEqualTo("3");
            }

            assertThat(issuer.jwksFetches()).isEqualTo(afterFirst);
        });
    }
}
