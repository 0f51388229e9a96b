package org.onekeylogin.token.internal;

import java.util.Collections;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.token.SessionClaims;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Signs every JWT with ES256, marks access tokens {@code typ: at+jwt} (RFC 9068) so an ID token can never pass as
 * one, and copies the device session of the authorization into the claims ({@code sid}, {@code device_id},
 * {@code amr}), on first issue and on every refresh. The session remembers the id of its newest access token, so
 * a refreshed-away token stops working at the JSON API.
 */
public final class SessionTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final DeviceSessionService sessions;
    private final RefreshTokenReuse reuse;

    public SessionTokenCustomizer(DeviceSessionService sessions, RefreshTokenReuse reuse) {
        this.sessions = sessions;
        this.reuse = reuse;
    }

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
        if (sessionId != null && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                && AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && authorization.getRefreshToken() != null) {
            // the refresh token being exchanged now must never work again
            reuse.retire(authorization.getRefreshToken().getToken().getTokenValue(), sessionId);
        }
        if (sessionId != null && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().claims(claims -> {
                // RFC 9068: scope is one space-separated string
                if (claims.get("scope") instanceof java.util.Collection<?> scopes) {
                    claims.put("scope", String.join(" ", scopes.stream().map(String::valueOf).toList()));
                }
                sessions.currentAccessToken(sessionId, String.valueOf(claims.get("jti")));
            });
        }
        String amr = authorization.getAttribute(SessionAttributes.AMR);
        if (amr != null) {
            // a JDK list type that the authorization store's JSON allow-list accepts (List.of types are refused)
            context.getClaims().claim(SessionClaims.AMR, Collections.singletonList(amr));
        }
    }
}
