package org.onekeylogin.token.internal;

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

}
