package org.onekeylogin.token.internal;

import java.util.Collections;
import org.onekeylogin.token.SessionClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Signs every JWT with ES256, marks access tokens {@code typ: at+jwt} (RFC 9068) so an ID
 * token can never pass as one, and copies the device session of the authorization into
 * the claims ({@code sid}, {@code device_id}, {@code amr}), on first issue and on every
 * refresh. It only shapes claims: what a session learns from a new token is recorded when
 * the authorization is saved ({@link SessionAuthorizations},
 * {@link RefreshTokenRotation}).
 */
public final class SessionTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
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
        String amr = authorization.getAttribute(SessionAttributes.AMR);
        if (amr != null) {
            // a JDK list type that the authorization store's JSON allow-list accepts
            // (List.of types are refused)
            context.getClaims().claim(SessionClaims.AMR, Collections.singletonList(amr));
        }
    }

}
