package org.onekeylogin.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.onekeylogin.system.ApiAuthenticationErrors;
import org.onekeylogin.token.internal.StoredAccessTokenValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/v1/operator/**}: for the platform team's back ends, with a
 * client-credentials access token that carries the {@code operator} scope (client
 * {@code onekey-backend} by default). These tokens belong to no device session, so
 * instead of the session check they are checked against the authorization store:
 * signature, expiry, type and scope, and that the token has not been revoked.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain operatorChain(HttpSecurity http, JWKSource<SecurityContext> jwkSource, Clock clock,
            ApiAuthenticationErrors authErrors, OAuth2AuthorizationService authorizations) throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(timestamps,
                jwt -> "at+jwt".equals(jwt.getHeaders().get("typ")) ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult
                            .failure(new OAuth2Error("invalid_token", "Not an access token.", null)),
                new StoredAccessTokenValidator(authorizations)));
        http.securityMatcher("/api/v1/operator/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority("SCOPE_operator"))
            .oauth2ResourceServer(rs -> rs.authenticationEntryPoint(authErrors.entryPoint())
                .accessDeniedHandler(authErrors.accessDenied())
                .jwt(jwt -> jwt.decoder(decoder)))
            .exceptionHandling(e -> e.authenticationEntryPoint(authErrors.entryPoint())
                .accessDeniedHandler(authErrors.accessDenied()));
        return http.build();
    }

}
