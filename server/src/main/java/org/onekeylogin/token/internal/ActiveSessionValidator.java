package org.onekeylogin.token.internal;

import java.util.Optional;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.token.SessionClaims;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts an access token at the JSON API only while its device session is active, so
 * signing a device out takes effect at once rather than when the JWT expires. One
 * primary-key lookup per request, and a conditional update of the session's
 * {@code last_seen_at} once a minute.
 */
public final class ActiveSessionValidator implements OAuth2TokenValidator<Jwt> {

    private final DeviceSessionService sessions;

    public ActiveSessionValidator(DeviceSessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (!SessionAttributes.ACCESS_TOKEN_TYPE.equals(jwt.getHeaders().get("typ"))) {
            return failure("Not an access token.");
        }
        String sessionId = jwt.getClaimAsString(SessionClaims.SESSION_ID);
        if (sessionId == null) {
            return failure("The token does not belong to a signed-in device.");
        }
        Optional<DeviceSession> session = sessions.find(sessionId)
            .filter(DeviceSession::isActive)
            .filter(s -> s.accountId().equals(jwt.getSubject()));
        if (session.isEmpty()) {
            return failure("This device has been signed out.");
        }
        String current = session.get().accessTokenId();
        if (current != null && !current.equals(jwt.getId())) {
            return failure("This access token was replaced or revoked. Use the newest one, or refresh.");
        }
        // the only write of the check, and at most one a minute per session: the session
        // was used
        sessions.noteUse(session.get());
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

}
