package org.onekeylogin.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.token.internal.ActiveSessionValidator;
import org.onekeylogin.token.internal.VerifiedTokenCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * How the JSON API and the user-info endpoint check the access tokens this service
 * issued: ES256 signatures from the service's own key (no JWKS fetch), verified once per
 * token and cached; expiry, token type and an active device session on every request.
 */
@Configuration(proxyBeanMethods = false)
class ApiTokenCheckConfig {

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, DeviceSessionService sessions, Clock clock) {
        NimbusJwtDecoder signatureOnly = NimbusJwtDecoder.withJwkSource(jwkSource)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return new VerifiedTokenCache(signatureOnly,
                new DelegatingOAuth2TokenValidator<>(timestamps, new ActiveSessionValidator(sessions)), clock, 100_000);
    }

}
