package org.onekeylogin.token;

/**
 * Names shared by the token feature's issuer, its JWT customizer and the API's token
 * check: the authorization attributes that carry a device session into its tokens, and
 * the claims they become.
 */
public final class SessionClaims {

    /** Device session id; also the id of the session's OAuth2 authorization. */
    public static final String SESSION_ID = "sid";

    public static final String DEVICE_ID = "device_id";

    /** RFC 8176 authentication methods, e.g. {@code ["pwd"]}. */
    public static final String AMR = "amr";

    /** Authentication context class (OpenID Connect Core section 2). */
    public static final String ACR = "acr";

    /** When the person signed in (OpenID Connect Core section 2). */
    public static final String AUTH_TIME = "auth_time";

    private SessionClaims() {
    }

}
