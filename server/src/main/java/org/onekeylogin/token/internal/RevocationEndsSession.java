package org.onekeylogin.token.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.system.ClientAddress;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After the standard revocation endpoint (RFC 7009) revoked a refresh token, the device
 * session it belonged to is over too, so it leaves the account's signed-in devices and is
 * audited as a sign-out. A revoked access token alone stops working at the JSON API; the
 * session stays.
 */
public final class RevocationEndsSession implements AuthenticationSuccessHandler {

    private final OAuth2AuthorizationService authorizations;

    private final DeviceSessionService sessions;

    public RevocationEndsSession(OAuth2AuthorizationService authorizations, DeviceSessionService sessions) {
        this.authorizations = authorizations;
        this.sessions = sessions;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        var revocation = (OAuth2TokenRevocationAuthenticationToken) authentication;
        OAuth2Authorization authorization = authorizations.findByToken(revocation.getToken(), null);
        if (authorization != null
                && authorization.getAttribute(SessionAttributes.SESSION_ID) instanceof String sessionId) {
            if (authorization.getRefreshToken() != null && authorization.getRefreshToken().isInvalidated()) {
                sessions.end(sessionId, null, RevokeReason.TOKEN_REVOKED, ClientAddress.of(request));
            }
            else if (authorization.getAccessToken() != null && authorization.getAccessToken().isInvalidated()) {
                // only the access token was revoked: it must stop working at the API too
                sessions.currentAccessToken(sessionId, "revoked");
            }
        }
        response.setStatus(HttpStatus.OK.value());
    }

}
