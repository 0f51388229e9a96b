package org.onekeylogin.token.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import org.onekeylogin.token.SessionClaims;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Signs every JWT but ID tokens with ES256 (an ID token takes its client's
 * {@code id-token-signed-response-alg}), marks access tokens {@code typ: at+jwt} (RFC
 * 9068) so an ID token can never pass as one, and copies the device session of the
 * authorization into the claims ({@code sid}, {@code device_id}, {@code amr},
 * {@code acr}, {@code auth_time}), on first issue and on every refresh; ID tokens granted
 * {@code profile} also greet the person ({@link ProfileClaims}). It only shapes claims:
 * what a session learns from a new token is recorded when the authorization is saved
 * ({@link SessionAuthorizations}, {@link RefreshTokenRotation}).
 */
public final class SessionTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final ProfileClaims profiles;

    public SessionTokenCustomizer(ProfileClaims profiles) {
        this.profiles = profiles;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!ID_TOKEN.equals(context.getTokenType())) {
            // ID tokens keep the algorithm of their client's registration
            context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getJwsHeader().type(SessionAttributes.ACCESS_TOKEN_TYPE);
        }
        OAuth2Authorization authorization = context.getAuthorization();
        if (authorization == null) {
            return;
        }
        String sessionId = authorization.getAttribute(SessionAttributes.SESSION_ID);
        if (sessionId != null) {
            context.getClaims().claim(SessionClaims.SESSION_ID, sessionId);
        }
        String deviceId = authorization.getAttribute(SessionAttributes.DEVICE_ID);
        if (deviceId != null) {
            context.getClaims().claim(SessionClaims.DEVICE_ID, deviceId);
        }
        if (sessionId != null && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().claims(claims -> {
                // RFC 9068: scope is one space-separated string
                if (claims.get("scope") instanceof java.util.Collection<?> scopes) {
                    claims.put("scope", String.join(" ", scopes.stream().map(String::valueOf).toList()));
                }
            });
        }
        if (sessionId != null && ID_TOKEN.equals(context.getTokenType())
                && context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
            // the ID token greets the person by name, as /userinfo does
            profiles.of(authorization.getPrincipalName(), context.getAuthorizedScopes())
                .forEach((name, value) -> context.getClaims().claim(name, value));
        }
        String amr = authorization.getAttribute(SessionAttributes.AMR);
        if (amr != null) {
            // a JDK list type that the authorization store's JSON allow-list accepts
            // (List.of types are refused)
            context.getClaims().claim(SessionClaims.AMR, new ArrayList<>(Arrays.asList(amr.split(" "))));
        }
        String acr = authorization.getAttribute(SessionAttributes.ACR);
        if (acr != null) {
            context.getClaims().claim(SessionClaims.ACR, acr);
        }
        String authTime = authorization.getAttribute(SessionAttributes.AUTH_TIME);
        if (authTime != null) {
            // a Date, as Spring's own grants write it: the JWT gets seconds since the
            // epoch, and a refresh copies it from the previous ID token
            context.getClaims()
                .claim(SessionClaims.AUTH_TIME, Date.from(Instant.ofEpochSecond(Long.parseLong(authTime))));
        }
    }

}
