package org.shopsuite.api.security.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The bearer-token decoder of the gateway and every service, made here once in place of Spring Boot's default (which
 * fetches the key set without timeouts, keeps it five minutes and drops it when a refresh fails): the issuer's keys
 * as {@link IssuerKeys} holds them, the checks Boot would make (signature with the configured algorithms, expiry,
 * issuer, audience), and {@link VerifiedTokens} in front. Configured by Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer, JWKS address, audiences, algorithms) and
 * {@code shop.auth.*} ({@link IssuerKeySettings}, {@link VerifiedTokenSettings}).
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass({NimbusJwtDecoder.class, JWKSourceBuilder.class})
// The issuer itself (auth-server) checks the tokens its userinfo endpoint takes with its own keys, in process.
@ConditionalOnMissingClass("org.springframework.security.oauth2.server.authorization.OAuth2Authorization")
@ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
@EnableConfigurationProperties({OAuth2ResourceServerProperties.class, IssuerKeySettings.class,
        VerifiedTokenSettings.class})
public class TokenVerification {

    @Bean
    @ConditionalOnMissingBean
    IssuerKeys issuerKeys(OAuth2ResourceServerProperties resourceServer, IssuerKeySettings settings) {
        String jwksUri = resourceServer.getJwt().getJwkSetUri();
        try {
            return new IssuerKeys(URI.create(jwksUri).toURL(), settings);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("SHOP_AUTH_JWKS_URI (spring.security.oauth2.resourceserver.jwt.jwk-set-uri)"
                    + " is not a URL: " + jwksUri, e);
        }
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    VerifiedTokens jwtDecoder(IssuerKeys keys, OAuth2ResourceServerProperties resourceServer,
                              VerifiedTokenSettings settings) {
        VerifiedTokens decoder = new VerifiedTokens(verifier(keys, resourceServer.getJwt()), settings.maxSize());
        keys.onKeySet(decoder::forgetTokensNotSignedBy);
        return decoder;
    }

    /** Spring's decoder over the held keys, with the validators Boot's own configuration would give it. */
    static NimbusJwtDecoder verifier(IssuerKeys keys, OAuth2ResourceServerProperties.Jwt properties) {
        Set<JWSAlgorithm> algorithms = properties.getJwsAlgorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toSet());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys.source()));
        // the claims are Spring's validators' business (below), as in Spring's own decoder
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(properties.getIssuerUri() != null
                ? JwtValidators.createDefaultWithIssuer(properties.getIssuerUri())
                : JwtValidators.createDefault());
        List<String> audiences = properties.getAudiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Fetches the keys once the application is ready, off the start-up thread: start-up never waits on the issuer. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> issuerKeysAtStartUp(IssuerKeys keys) {
        return ready -> Thread.ofVirtual().name("issuer-keys-at-start-up").start(keys::fetchIfNoneHeld);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "issuerKeysHealthIndicator")
        IssuerKeysHealthIndicator issuerKeysHealthIndicator(IssuerKeys keys) {
            return new IssuerKeysHealthIndicator(keys);
        }
    }
}
