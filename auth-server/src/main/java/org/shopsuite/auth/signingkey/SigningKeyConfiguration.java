package org.shopsuite.auth.signingkey;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.shopsuite.auth.issuer.IssuerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * One key for everything the issuer signs: Spring Authorization Server finds this {@link JWKSource} and
 * {@link JwtEncoder} (and publishes the public half at {@code /oauth2/jwks}); the development token endpoint signs
 * with the same encoder.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    JWKSource<SecurityContext> jwkSource(IssuerProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKeyFile.readOrCreate(properties.signingKeyFile())));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
    }
}
