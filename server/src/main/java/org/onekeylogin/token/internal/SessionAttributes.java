package org.onekeylogin.token.internal;

import java.time.Instant;
import org.onekeylogin.device.DeviceSession;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Attribute names under which an OAuth2 authorization remembers its device session (plain
 * strings: they are stored as JSON).
 */
public final class SessionAttributes {

    public static final String SESSION_ID = "onekey.session_id";

    public static final String DEVICE_ID = "onekey.device_id";

    /**
     * The {@code amr} values, separated by spaces (sessions opened before there were
     * several hold one value).
     */
    public static final String AMR = "onekey.amr";

    public static final String ACR = "onekey.acr";

    /** When the person signed in, in seconds since the epoch, as a string. */
    public static final String AUTH_TIME = "onekey.auth_time";

    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private SessionAttributes() {
    }

    /**
     * Marks an authorization as belonging to a device session, so the tokens issued from
     * it (first issue, refresh, device code, authorization code) carry {@code sid},
     * {@code device_id}, {@code amr}, {@code acr} and {@code auth_time} and end with the
     * session.
     * @param authTime when the person signed in (the session's start, unless the sign-in
     * came first, as on the hosted sign-in page)
     */
    public static void attach(OAuth2Authorization.Builder authorization, DeviceSession session, Instant authTime) {
        authorization.attribute(SESSION_ID, session.id())
            .attribute(DEVICE_ID, session.device().id())
            .attribute(AMR, String.join(" ", session.method().amr()))
            .attribute(ACR, session.method().acr())
            .attribute(AUTH_TIME, String.valueOf(authTime.getEpochSecond()));
    }

}
